import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerContext } from '#shared/api/handlers';
import { couponsByCode } from '#shared/services/coupons/coupon-queries';
import {
  applyJournaledRedemption,
  isLedgerJournalRecord,
  type LedgerJournalRecord,
} from '#shared/services/redemptions/journal';
import { redeem } from '#shared/services/redemptions/redeem';
import type { TillFact } from '#shared/sync/facts';
import { apiError, makeCustomer, makeOffer, makeWorld, T0, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, request } from './helpers';

const oncePerCode = { redemption: { allowAnyone: false, customerLimit: 1 } };

eachDialect('redemptions: redeem', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  it('redeems, counts it on the coupon and the offer, and prices the discount', async () => {
    const offer = await makeOffer(w.ctx, {
      discount: { type: 'PERCENT', percent: '15', maxDiscount: '120', maxDiscountCurrency: 'INR' },
    });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const out = await redeemAs(w.ctx, code.toLowerCase(), who, { billAmount: '999.5' });
    expect(out.replayed).toBe(false);
    expect(out.redemption).toMatchObject({
      offerId: offer.id,
      offerName: 'Ten off',
      code,
      customerId: who.id,
      storeId: 'S1',
      tillId: 'TS1-1',
      billAmount: '999.50',
      currency: 'INR',
      // 15% of 999.50 = 149.93, capped at 120.
      discount: '120.00',
      redeemedAt: T0,
      reversedAt: null,
    });
    const [row] = await w.sql.query<{ bill_amount: string; origin: string }>(
      'SELECT bill_amount, origin FROM redemptions WHERE id = $1',
      [out.redemption.id],
    );
    expect(row).toEqual({ bill_amount: '999.50', origin: 'ONLINE' });
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon).toMatchObject({ redemptionCount: 1, status: 'REDEEMED', isReversed: false });
    const [o] = await w.sql.query<{ redeemed_count: number; last_redeemed_at: string }>(
      'SELECT redeemed_count, last_redeemed_at FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(o).toEqual({ redeemed_count: 1, last_redeemed_at: T0 });
  });

  it('replays a retry with the same client id and never redeems twice', async () => {
    const offer = await makeOffer(w.ctx, oncePerCode);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const first = await redeemAs(w.ctx, code, who, { clientId: 'client-0001-retry' });
    const retry = await redeemAs(w.ctx, code, who, { clientId: 'client-0001-retry' });
    expect(retry.replayed).toBe(true);
    expect(retry.redemption).toEqual(first.redemption);
    const rows = await w.sql.query('SELECT id FROM redemptions WHERE coupon_id = $1', [
      first.redemption.couponId,
    ]);
    expect(rows).toEqual([{ id: 'client-0001-retry' }]);
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(1);

    // The same client id for another code is a client bug, not a retry.
    const otherCode = await issueTo(w.ctx, offer, who);
    const e = await apiError(redeemAs(w.ctx, otherCode, who, { clientId: 'client-0001-retry' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain(code);
  });

  it('of many concurrent redeems of a single-use code exactly one wins', async () => {
    const offer = await makeOffer(w.ctx, {
      redemption: { allowAnyone: true, codeLimit: 1, moreThanOnce: true },
    });
    const owner = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, owner);
    const tills = Array.from({ length: 20 }, (_, i) => i);
    const results = await Promise.allSettled(
      tills.map((i) =>
        redeemAs(w.ctx, code, null, {
          storeId: i % 2 === 0 ? 'S1' : 'S2',
          tillId: i % 2 === 0 ? 'TS1-1' : 'TS2-1',
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) {
      expect(l.reason).toMatchObject({ code: 'RULE_FAILED' });
      const codes = (l.reason.details as { reasons: { code: string }[] }).reasons.map(
        (r) => r.code,
      );
      expect(codes).toEqual(['CODE_LIMIT_REACHED']);
    }
    const [n] = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM redemptions WHERE code = $1',
      [code],
    );
    expect(n?.n).toBe(1);
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(1);
  });

  it('at a till: records the fact and journals the redemption before COMMIT', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const facts: TillFact[] = [];
    const journal: object[] = [];
    const till: HandlerContext = {
      ...w.ctx,
      host: 'till',
      principal: { kind: 'device', tillId: 'TS1-1', storeId: 'S1' },
      recordFact: async (tx, fact) => {
        const seen = await tx.query('SELECT 1 FROM redemptions WHERE id = $1', [fact.clientId]);
        expect(seen).toHaveLength(1);
        facts.push(fact);
      },
      journal: {
        append: async (record) => {
          journal.push(record);
        },
      },
    };
    const out = await redeem(request(code, who, { clientId: 'till-fact-0001' }), till);
    expect(facts).toEqual([
      expect.objectContaining({ kind: 'REDEMPTION', clientId: 'till-fact-0001' }),
    ]);
    expect(facts[0]?.payload).toMatchObject({
      couponId: out.redemption.couponId,
      code,
      origin: 'OFFLINE',
    });
    expect(journal).toHaveLength(1);
    expect(isLedgerJournalRecord(journal[0])).toBe(true);
    expect(journal[0]).toMatchObject({ type: 'REDEMPTION', redemption: { id: 'till-fact-0001' } });
    // Replaying what is already in the database changes nothing.
    expect(await applyJournaledRedemption(w.sql, journal[0] as LedgerJournalRecord)).toBe(false);
  });

  it('replays a journaled redemption the database lost, once, with its outbox fact', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    let saved: LedgerJournalRecord | null = null;
    // The journal append is durable, then the process dies before COMMIT: the database
    // rolls the redemption back, the journal keeps it.
    const crashing: HandlerContext = {
      ...w.ctx,
      host: 'till',
      recordFact: async () => {},
      journal: {
        append: async (record) => {
          saved = record as LedgerJournalRecord;
          throw new Error('power cut');
        },
      },
    };
    await expect(redeem(request(code, who, { clientId: 'lost-0001' }), crashing)).rejects.toThrow(
      'power cut',
    );
    expect(await w.sql.query('SELECT 1 FROM redemptions WHERE id = $1', ['lost-0001'])).toEqual([]);
    const replayedFacts: TillFact[] = [];
    const record = saved as unknown as LedgerJournalRecord;
    const recordFact = async (_tx: unknown, fact: TillFact) => {
      replayedFacts.push(fact);
    };
    expect(await applyJournaledRedemption(w.sql, record, recordFact)).toBe(true);
    expect(await applyJournaledRedemption(w.sql, record, recordFact)).toBe(false);
    expect(replayedFacts.map((f) => f.clientId)).toEqual(['lost-0001']);
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(1);
    const [o] = await w.sql.query<{ redeemed_count: number }>(
      'SELECT redeemed_count FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(o?.redeemed_count).toBe(1);
  });

  it('refuses with every reason and changes nothing', async () => {
    const offer = await makeOffer(w.ctx, {
      redemption: { minBill: '500', stores: [{ type: 'STORE', id: 'S2' }] },
    });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const e = await apiError(redeemAs(w.ctx, code, who, { billAmount: '100' }));
    expect(e.code).toBe('RULE_FAILED');
    const codes = (e.details as { reasons: { code: string }[] }).reasons.map((r) => r.code);
    expect(codes.sort()).toEqual(['BILL_BELOW_MINIMUM', 'STORE_NOT_ALLOWED']);
    expect(await w.sql.query('SELECT 1 FROM redemptions WHERE code = $1', [code])).toEqual([]);
  });

  it('names an unknown code and an unknown customer', async () => {
    const who = await makeCustomer(w.ctx);
    const unknown = await apiError(redeemAs(w.ctx, 'NOPE-1234', who));
    expect(unknown.details).toMatchObject({ reasons: [{ code: 'CODE_NOT_FOUND' }] });
    const offer = await makeOffer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const nobody = await apiError(
      redeem(request(code, null, { customer: { userId: '424242424242' } }), w.ctx),
    );
    const codes = (nobody.details as { reasons: { code: string }[] }).reasons.map((r) => r.code);
    expect(codes).toContain('CUSTOMER_NOT_FOUND');
    expect(codes).not.toContain('CUSTOMER_REQUIRED');
  });
});
