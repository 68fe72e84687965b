import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RedemptionRecord } from '#shared/domain/redemption';
import { couponsByCode } from '#shared/services/coupons/coupon-queries';
import { insertRedemptionGuarded } from '#shared/services/redemptions/ledger';
import { makeCustomer, makeOffer, makeWorld, T0, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, refusal } from './helpers';

/**
 * A hub redeems a unique code without holding locks across round trips: it reads and runs the
 * rules, then writes with one guarded statement (services/redemptions/ledger.ts). These are the
 * guarantees that design must keep, concurrently, on both databases.
 */
eachDialect('redemptions: the guarded write of a hub redeem', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const counts = async (offerId: string) =>
    (
      await w.sql.query<{ offer: number; ledger: number }>(
        `SELECT (SELECT redeemed_count FROM offers WHERE id = $1) AS offer,
                (SELECT count(*)::int FROM redemptions WHERE offer_id = $1) AS ledger`,
        [offerId],
      )
    )[0];

  const recordFor = async (code: string): Promise<RedemptionRecord & { version: string }> => {
    const [row] = await w.sql.query<{ id: string; offer_id: string; version: string }>(
      'SELECT id, offer_id, xmin::text AS version FROM coupons WHERE code = $1',
      [code],
    );
    if (!row) throw new Error(`no coupon ${code}`);
    return {
      id: `guard-${code}`,
      couponId: row.id,
      offerId: row.offer_id,
      code,
      customerId: null,
      storeId: 'S1',
      tillId: 'TS1-1',
      billAmount: '100',
      currency: 'INR',
      discount: '10',
      redeemedAt: T0,
      deviceTime: T0,
      origin: 'ONLINE',
      leaseId: null,
      version: row.version,
    };
  };

  it('writes nothing when the coupon changed after it was read', async () => {
    const offer = await makeOffer(w.ctx);
    const code = await issueTo(w.ctx, offer, await makeCustomer(w.ctx));
    const { version, ...record } = await recordFor(code);
    // Any write to the row (here a status stamp) makes the version read stale.
    await w.sql.query('UPDATE coupons SET last_status_change_on = $2 WHERE id = $1', [
      record.couponId,
      T0,
    ]);
    const out = await insertRedemptionGuarded(w.sql, record, {
      couponVersion: version,
      seriesLimit: null,
    });
    expect(out).toEqual({ written: false, stopped: 'coupon-changed' });
    expect(await counts(offer.id)).toEqual({ offer: 0, ledger: 0 });
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(0);
  });

  it('writes nothing, not even the coupon count, when the series limit is reached', async () => {
    const offer = await makeOffer(w.ctx, { redemption: { seriesLimit: 1 } });
    const who = await makeCustomer(w.ctx);
    const first = await issueTo(w.ctx, offer, who);
    const second = await issueTo(w.ctx, offer, await makeCustomer(w.ctx));
    await redeemAs(w.ctx, first, who);
    const { version, ...record } = await recordFor(second);
    const out = await insertRedemptionGuarded(w.sql, record, {
      couponVersion: version,
      seriesLimit: 1,
    });
    expect(out).toEqual({ written: false, stopped: 'series-limit' });
    expect(await counts(offer.id)).toEqual({ offer: 1, ledger: 1 });
    const [coupon] = await couponsByCode(w.sql, second, T0);
    expect(coupon?.redemptionCount).toBe(0);
  });

  it('a code with a limit of 3, redeemed 12 times at once: exactly 3 win', async () => {
    const offer = await makeOffer(w.ctx, {
      redemption: { allowAnyone: true, codeLimit: 3, moreThanOnce: true },
    });
    const code = await issueTo(w.ctx, offer, await makeCustomer(w.ctx));
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => redeemAs(w.ctx, code, null)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(await refusal(Promise.reject(r.reason))).toEqual(['CODE_LIMIT_REACHED']);
    }
    expect(await counts(offer.id)).toEqual({ offer: 3, ledger: 3 });
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(3);
  });

  it('an offer of 4 redemptions, 10 of its codes redeemed at once: exactly 4 win', async () => {
    const offer = await makeOffer(w.ctx, { redemption: { seriesLimit: 4 } });
    const holders = [];
    for (let i = 0; i < 10; i += 1) {
      const who = await makeCustomer(w.ctx);
      holders.push({ who, code: await issueTo(w.ctx, offer, who) });
    }
    const results = await Promise.allSettled(
      holders.map(({ who, code }) => redeemAs(w.ctx, code, who)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(await refusal(Promise.reject(r.reason))).toEqual(['SERIES_LIMIT_REACHED']);
    }
    expect(await counts(offer.id)).toEqual({ offer: 4, ledger: 4 });
    const used = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coupons WHERE offer_id = $1 AND redemption_count > 0',
      [offer.id],
    );
    expect(used[0]?.n).toBe(4);
  });
});
