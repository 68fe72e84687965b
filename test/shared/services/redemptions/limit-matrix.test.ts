import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Customer } from '#shared/domain/customer';
import type { Offer, OfferInput } from '#shared/domain/offer';
import { makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, refusal, validateAs } from './helpers';

/**
 * The coupon management seed's 14-row limit table, through the redemption service: each row's
 * series type, "allow anyone" and the limits of its example, plus two rows the seed leaves out
 * (common codes with "allow anyone" off). Code and customer limits are
 * driven to their boundary with real redemptions (the last allowed one passes, the next is
 * refused with the limit's reason). Series limits of 1k–50k are driven the same way from
 * limit−1: the offer's live counter (what the service reads) is set to stand for the other
 * codes' redemptions, then one real redemption reaches the limit and the next is refused.
 */
type SeriesType = 'AUTO' | 'COMMON' | 'UPLOADED' | 'THIRD_PARTY';
type Row = {
  no: number;
  type: SeriesType;
  anyone: boolean;
  code: number | null;
  customer: number | null;
  series: number | null;
};

const matrix: Row[] = [
  { no: 1, type: 'AUTO', anyone: true, code: 10, customer: 1, series: null },
  { no: 2, type: 'AUTO', anyone: true, code: 5, customer: null, series: 10_000 },
  { no: 3, type: 'AUTO', anyone: true, code: 5, customer: 1, series: 10_000 },
  { no: 4, type: 'AUTO', anyone: true, code: 5, customer: null, series: null },
  { no: 5, type: 'AUTO', anyone: true, code: null, customer: 1, series: 10_000 },
  { no: 6, type: 'AUTO', anyone: false, code: null, customer: 1, series: 5_000 },
  { no: 7, type: 'COMMON', anyone: true, code: null, customer: 2, series: 1_000 },
  { no: 8, type: 'UPLOADED', anyone: true, code: 5, customer: 1, series: 50_000 },
  { no: 9, type: 'UPLOADED', anyone: true, code: 5, customer: 1, series: null },
  { no: 10, type: 'UPLOADED', anyone: true, code: 5, customer: null, series: 25_000 },
  { no: 11, type: 'UPLOADED', anyone: true, code: 5, customer: null, series: null },
  { no: 12, type: 'UPLOADED', anyone: true, code: null, customer: 5, series: 5_000 },
  { no: 13, type: 'UPLOADED', anyone: false, code: null, customer: 1, series: 5_000 },
  // The example names no numbers. A third-party offer saved with "anyone" is refused
  // (test/shared/services/offers/offer-combinations.test.ts), so the row says no, as the seed.
  { no: 14, type: 'THIRD_PARTY', anyone: false, code: null, customer: 1, series: 5_000 },
  // Not in the seed: common codes limited to their recipients ("allow anyone" off, the default).
  // Each recipient has their own allowance of the shared code; the series limit is offer-wide.
  { no: 15, type: 'COMMON', anyone: false, code: null, customer: 1, series: 1_000 },
  { no: 16, type: 'COMMON', anyone: false, code: null, customer: 2, series: null },
];

function offerFor(row: Row): Partial<OfferInput> {
  const codeGeneration: OfferInput['codeGeneration'] =
    row.type === 'AUTO'
      ? { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' }
      : row.type === 'COMMON'
        ? { method: 'COMMON', code: `HOLIDAY${row.no}` }
        : { method: 'UPLOADED' };
  return {
    name: `Matrix row ${row.no}`,
    delivery: row.type === 'THIRD_PARTY' ? 'THIRD_PARTY' : 'SYSTEM',
    codeGeneration,
    redemption: {
      allowAnyone: row.anyone,
      codeLimit: row.code,
      customerLimit: row.customer,
      seriesLimit: row.series,
      // "Redeem more than once" on, so a customer-level limit above 1 (or none) can show.
      moreThanOnce: true,
    },
  };
}

eachDialect('redemptions: the 14-row limit matrix', (dialect) => {
  let w: World;
  const people: Customer[] = [];
  beforeAll(async () => {
    w = await makeWorld(dialect);
    for (let i = 0; i < 15; i++) people.push(await makeCustomer(w.ctx));
  });
  afterAll(() => w.db.close());

  async function codeFor(offer: Offer, row: Row, recipient: Customer, n: number): Promise<string> {
    if (row.type === 'UPLOADED' || row.type === 'THIRD_PARTY') {
      await w.sql.query(
        `INSERT INTO coupons (id, offer_id, code, created_at) VALUES ($1, $2, $3, $4)`,
        [`m${row.no}-${n}-${dialect}`, offer.id, `M${row.no}X${n}`, '2025-03-01T00:00:00Z'],
      );
    }
    return issueTo(w.ctx, offer, recipient);
  }

  for (const row of matrix) {
    it(`row ${row.no}: ${row.type}, anyone ${row.anyone ? 'yes' : 'no'}, code ${row.code ?? '–'}, customer ${row.customer ?? '–'}, series ${row.series ?? '–'}`, async () => {
      const offer = await makeOffer(w.ctx, offerFor(row));
      const [recipient, stranger, ...others] = people as [Customer, Customer, ...Customer[]];
      const code = await codeFor(offer, row, recipient, 1);
      const anyone = row.anyone && row.type !== 'THIRD_PARTY';

      if (!anyone) {
        // Only the recipient may redeem; the code limit equals the customer limit.
        expect(await refusal(redeemAs(w.ctx, code, stranger))).toContain('NOT_RECIPIENT');
        for (let i = 0; i < (row.customer as number); i++) await redeemAs(w.ctx, code, recipient);
        const again = await refusal(redeemAs(w.ctx, code, recipient));
        expect(again).toContain('CUSTOMER_LIMIT_REACHED');
        expect(again).toContain('CODE_LIMIT_REACHED');
        // Another recipient's allowance is their own, whoever else used theirs.
        const second = others[12] as Customer;
        const theirs = await codeFor(offer, row, second, 4);
        for (let i = 0; i < (row.customer as number); i++) {
          expect((await redeemAs(w.ctx, theirs, second)).replayed).toBe(false);
        }
        expect(await refusal(redeemAs(w.ctx, theirs, second))).toContain('CODE_LIMIT_REACHED');
      } else {
        let uses = 0;
        if (row.customer !== null) {
          for (let i = 0; i < row.customer; i++, uses++) await redeemAs(w.ctx, code, stranger);
          expect(await refusal(redeemAs(w.ctx, code, stranger))).toEqual([
            'CUSTOMER_LIMIT_REACHED',
          ]);
        }
        if (row.code !== null) {
          let k = 0;
          for (; uses < row.code; uses++) await redeemAs(w.ctx, code, others[k++] as Customer);
          const next = others[k] as Customer;
          expect(await refusal(redeemAs(w.ctx, code, next))).toEqual(['CODE_LIMIT_REACHED']);
          const v = await validateAs(w.ctx, code, next);
          expect(v).toMatchObject({ valid: false, offerId: offer.id });
          expect(v.reasons.map((r) => r.code)).toEqual(['CODE_LIMIT_REACHED']);
        } else {
          // No code limit: more customers than any other limit allows still redeem this code.
          for (let k = 0; k < 3; k++) await redeemAs(w.ctx, code, others[k] as Customer);
        }
      }

      if (row.series !== null) {
        const fresh = await codeFor(offer, row, others[10] as Customer, 2);
        await w.sql.query('UPDATE offers SET redeemed_count = $2 WHERE id = $1', [
          offer.id,
          row.series - 1,
        ]);
        const last = await redeemAs(w.ctx, fresh, others[10] as Customer);
        expect(last.replayed).toBe(false);
        const [counter] = await w.sql.query<{ redeemed_count: number }>(
          'SELECT redeemed_count FROM offers WHERE id = $1',
          [offer.id],
        );
        expect(counter?.redeemed_count).toBe(row.series);
        const third = await codeFor(offer, row, others[11] as Customer, 3);
        expect(await refusal(redeemAs(w.ctx, third, others[11] as Customer))).toEqual([
          'SERIES_LIMIT_REACHED',
        ]);
      }
    });
  }
});
