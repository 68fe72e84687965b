import { expect, it } from 'vitest';
import type { HandlerContext } from '#shared/api/handlers';
import { createRandomizedSeries } from '#shared/codes/randomized-series';
import { loadSeriesKey } from '#shared/services/offers/offer-repo';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import type { TillFact } from '#shared/sync/facts';
import { DAY } from '../support/context';
import { eachDialect } from './test-db';
import { apiError, makeCustomer, makeOffer, reasonCodes, useCouponWorld } from './fixtures';

const issue = (ctx: HandlerContext, id: string, userId: string, extra: object = {}) =>
  issueCoupon({ id, customer: { userId }, ...extra }, ctx);

eachDialect('coupons: issue one', (dialect) => {
  const w = useCouponWorld(dialect);

  it('issues a unique code, expiring at the end of the issue day in the org zone', async () => {
    const offer = await makeOffer(w.ctx, { couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 0 } });
    const c = await makeCustomer(w.ctx);
    const out = await issue(w.ctx, offer.id, c.userId as string);
    expect(out.resent).toBe(false);
    expect(out.coupon).toMatchObject({
      offerId: offer.id,
      customerId: c.id,
      state: 'ACTIVE',
      status: 'ACTIVE',
      offerName: 'Ten off',
      issuedAt: '2025-03-10T06:30:00.000Z',
      // 23:59:59.999 on 10 March in Kolkata (UTC+5:30).
      expiresAt: '2025-03-10T18:29:59.999Z',
      isReversed: false,
    });
    expect(out.coupon.code).toMatch(/^[0-9A-Z]{8}$/);
    const [row] = await w.sql.query<{ issued_count: number; last_issued_at: string }>(
      'SELECT issued_count, last_issued_at FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(row).toEqual({ issued_count: 1, last_issued_at: '2025-03-10T06:30:00.000Z' });
  });

  it('names the identifier of an unknown customer', async () => {
    const offer = await makeOffer(w.ctx);
    const e = await apiError(issue(w.ctx, offer.id, '99999999'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('userId:99999999');
    expect(e.details).toMatchObject({ identifier: 'userId:99999999' });
  });

  it('refuses past the per-customer maximum with the engine reasons, or resends', async () => {
    const strict = await makeOffer(w.ctx, { issuance: { maxPerCustomer: 1 } });
    const resend = await makeOffer(w.ctx, {
      issuance: { maxPerCustomer: 1, onRematch: 'SEND_EXISTING' },
    });
    const c = await makeCustomer(w.ctx);
    await issue(w.ctx, strict.id, c.userId as string);
    const e = await apiError(issue(w.ctx, strict.id, c.userId as string));
    expect(e.code).toBe('RULE_FAILED');
    expect(reasonCodes(e)).toEqual(['MAX_ISSUALS_PER_CUSTOMER_REACHED']);

    const first = await issue(w.ctx, resend.id, c.userId as string);
    const again = await issue(w.ctx, resend.id, c.userId as string);
    expect(again.resent).toBe(true);
    expect(again.coupon.id).toBe(first.coupon.id);
    const [row] = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coupons WHERE offer_id = $1',
      [resend.id],
    );
    expect(row?.n).toBe(1);
  });

  it('gives every customer the same common code, once each', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'COMMON', code: 'holiday20' },
    });
    const a = await makeCustomer(w.ctx);
    const b = await makeCustomer(w.ctx);
    const ca = await issue(w.ctx, offer.id, a.userId as string);
    const cb = await issue(w.ctx, offer.id, b.userId as string);
    expect(ca.coupon.code).toBe('HOLIDAY20');
    expect(cb.coupon.code).toBe('HOLIDAY20');
    expect(ca.coupon.id).not.toBe(cb.coupon.id);
    const e = await apiError(issue(w.ctx, offer.id, a.userId as string));
    expect(reasonCodes(e)).toContain('GENERIC_ALREADY_ISSUED');
  });

  it('hands out uploaded codes oldest first, a named one, and says when none is left', async () => {
    const offer = await makeOffer(w.ctx, { codeGeneration: { method: 'UPLOADED' } });
    await w.sql.query(
      `INSERT INTO coupons (id, offer_id, code, created_at) VALUES
         ('up-1', $1, 'UPA-1', '2025-03-01T00:00:00Z'), ('up-2', $1, 'UPA-2', '2025-03-02T00:00:00Z'),
         ('up-3', $1, 'UPA-3', '2025-03-03T00:00:00Z')`,
      [offer.id],
    );
    const [a, b, c, d] = [
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
    ];
    expect((await issue(w.ctx, offer.id, a!.userId as string)).coupon.code).toBe('UPA-1');
    expect((await issue(w.ctx, offer.id, b!.userId as string, { code: 'upa-3' })).coupon.code).toBe(
      'UPA-3',
    );
    const taken = await apiError(issue(w.ctx, offer.id, c!.userId as string, { code: 'UPA-3' }));
    expect(taken.code).toBe('CONFLICT');
    expect((await issue(w.ctx, offer.id, c!.userId as string)).coupon.code).toBe('UPA-2');
    const none = await apiError(issue(w.ctx, offer.id, d!.userId as string));
    expect(reasonCodes(none)).toEqual(['NO_CODES_LEFT']);
  });

  it('issues randomized codes in permutation order, decodable by the series', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'TEST12345' },
    });
    const key = await loadSeriesKey(w.sql, offer.id);
    const series = createRandomizedSeries({
      sample: 'TEST12345',
      fixedPart: offer.fixedPart as string,
      key: key as Uint8Array,
    });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await makeCustomer(w.ctx);
      codes.push((await issue(w.ctx, offer.id, c.userId as string)).coupon.code);
    }
    expect(codes.map((c) => series.indexOf(c))).toEqual([0, 1, 2]);
    for (const code of codes) {
      expect(code).toHaveLength(9);
      expect(code.startsWith(offer.fixedPart as string)).toBe(true);
    }
  });

  it('keeps a migrated coupon’s issue time and counts its expiry from it', async () => {
    const offer = await makeOffer(w.ctx, { couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 } });
    const c = await makeCustomer(w.ctx);
    const out = await issue(w.ctx, offer.id, c.userId as string, {
      issuedAt: '2025-02-20T10:00:00+05:30',
    });
    expect(out.coupon.issuedAt).toBe('2025-02-20T04:30:00.000Z');
    // 20 Feb + 30 days = 22 March, end of day in Kolkata.
    expect(out.coupon.expiresAt).toBe('2025-03-22T18:29:59.999Z');
  });

  it('reads the till’s store zone and records an ISSUANCE fact in the same transaction', async () => {
    const offer = await makeOffer(w.ctx, { couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 0 } });
    const c = await makeCustomer(w.ctx);
    const facts: TillFact[] = [];
    const till: HandlerContext = {
      ...w.ctx,
      host: 'till',
      principal: { kind: 'device', tillId: 'TS3-1', storeId: 'S3' },
      recordFact: async (tx, fact) => {
        // The fact is written inside the issuing transaction: the coupon is visible to it.
        const rows = await tx.query('SELECT 1 FROM coupons WHERE id = $1', [fact.clientId]);
        expect(rows).toHaveLength(1);
        facts.push(fact);
      },
    };
    const out = await issue(till, offer.id, c.userId as string);
    // End of 10 March in Dubai (UTC+4).
    expect(out.coupon.expiresAt).toBe('2025-03-10T19:59:59.999Z');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      kind: 'ISSUANCE',
      clientId: out.coupon.id,
      payload: { offerId: offer.id, customerId: c.id, code: out.coupon.code },
    });

    const failing: HandlerContext = {
      ...till,
      recordFact: async () => {
        throw new Error('outbox full');
      },
    };
    const other = await makeCustomer(w.ctx);
    await expect(issue(failing, offer.id, other.userId as string)).rejects.toThrow('outbox full');
    const rows = await w.sql.query('SELECT 1 FROM coupons WHERE customer_id = $1', [other.id]);
    expect(rows).toHaveLength(0);
  });

  it('applies the minimum gap between issuals in days of the org zone', async () => {
    const offer = await makeOffer(w.ctx, { issuance: { maxPerCustomer: 5, minGapDays: 1 } });
    const c = await makeCustomer(w.ctx);
    await issue(w.ctx, offer.id, c.userId as string);
    const e = await apiError(issue(w.ctx, offer.id, c.userId as string));
    expect(reasonCodes(e)).toEqual(['ISSUAL_GAP_NOT_MET']);
    // 12:00 IST on the 10th → 00:30 IST on the 11th: a new local day, so allowed.
    w.advance(DAY / 2 + 30 * 60_000);
    await expect(issue(w.ctx, offer.id, c.userId as string)).resolves.toMatchObject({
      resent: false,
    });
    w.setNow('2025-03-10T06:30:00.000Z');
  });
});
