import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerContext } from '#shared/api/handlers';
import { couponsByCode, couponsOfCustomer } from '#shared/services/coupons/coupon-queries';
import type { LedgerJournalRecord } from '#shared/services/redemptions/journal';
import { reverseRedemption } from '#shared/services/redemptions/reverse';
import { revokeCoupons } from '#shared/services/revoke/revoke-coupons';
import type { TillFact } from '#shared/sync/facts';
import { apiError, makeCustomer, makeOffer, makeWorld, T0, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, refusal } from './helpers';

const reverse = (ctx: HandlerContext, id: string, clientId?: string, reason = 'wrong basket') =>
  reverseRedemption({ id, reason, ...(clientId ? { clientId } : {}) }, ctx);

eachDialect('redemptions: reverse', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  it('reinstates the coupon, which shows isReversed and when its status changed', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const r = await redeemAs(w.ctx, code, who);
    expect((await couponsByCode(w.sql, code, T0))[0]?.status).toBe('REDEEMED');
    expect(await refusal(redeemAs(w.ctx, code, who))).toContain('CUSTOMER_LIMIT_REACHED');

    w.advance(60_000);
    const out = await reverse(w.ctx, r.redemption.id, 'rev-0001');
    expect(out.replayed).toBe(false);
    expect(out.redemption.reversedAt).toBe('2025-03-10T06:31:00.000Z');
    const [row] = await w.sql.query<{ reversal_id: string; reversal_reason: string }>(
      'SELECT reversal_id, reversal_reason FROM redemptions WHERE id = $1',
      [r.redemption.id],
    );
    expect(row).toEqual({ reversal_id: 'rev-0001', reversal_reason: 'wrong basket' });
    const member = await couponsOfCustomer(
      w.sql,
      `userId:${who.userId}`,
      w.ctx.now().toISOString(),
    );
    expect(member.find((c) => c.code === code)).toMatchObject({
      status: 'ACTIVE',
      isReversed: true,
      lastStatusChangeOn: '2025-03-10T06:31:00.000Z',
      redemptionCount: 0,
      offerName: 'Ten off',
    });
    const [o] = await w.sql.query<{ redeemed_count: number }>(
      'SELECT redeemed_count FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(o?.redeemed_count).toBe(0);
    // The use is back: the customer may redeem again, and the coupon is no longer "reversed".
    await redeemAs(w.ctx, code, who);
    expect((await couponsByCode(w.sql, code, T0))[0]).toMatchObject({
      status: 'REDEEMED',
      isReversed: false,
    });
    w.setNow(T0);
  });

  it('is idempotent by client id; another reversal of it is a conflict', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const r = await redeemAs(w.ctx, code, who);
    const first = await reverse(w.ctx, r.redemption.id, 'rev-0002');
    const again = await reverse(w.ctx, r.redemption.id, 'rev-0002');
    expect(again).toEqual({ redemption: first.redemption, replayed: true });
    const other = await apiError(reverse(w.ctx, r.redemption.id, 'rev-0003'));
    expect(other.code).toBe('CONFLICT');
    const [coupon] = await couponsByCode(w.sql, code, T0);
    expect(coupon?.redemptionCount).toBe(0);
    // A client id already used for another reversal cannot reverse a second redemption.
    const r2 = await redeemAs(w.ctx, code, who);
    expect((await apiError(reverse(w.ctx, r2.redemption.id, 'rev-0002'))).code).toBe('CONFLICT');
  });

  it('refuses to reverse a revoked coupon’s redemption', async () => {
    const offer = await makeOffer(w.ctx, {
      redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 3 },
    });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const r = await redeemAs(w.ctx, code, who);
    // Redeemed coupons are never revoked, so revoke it while its redemption is reversed…
    await reverse(w.ctx, r.redemption.id);
    const revoked = await revokeCoupons({ id: offer.id, mode: 'ALL_UNREDEEMED' }, w.ctx);
    expect(revoked.codes).toEqual([code]);
    // …and a redemption made before the revoke (imported from an outage) cannot be reversed.
    await w.sql.query(
      `INSERT INTO redemptions (id, coupon_id, offer_id, code, customer_id, store_id, till_id,
                                bill_amount, currency, discount, redeemed_at, origin)
       VALUES ('outage-1', $1, $2, $3, $4, 'S1', 'TS1-1', 100, 'INR', 10, $5, 'OFFLINE')`,
      [r.redemption.couponId, offer.id, code, who.id, T0],
    );
    const e = await apiError(reverse(w.ctx, 'outage-1'));
    expect(e.code).toBe('RULE_FAILED');
    expect(e.details).toMatchObject({ reasons: [{ code: 'COUPON_REVOKED' }] });
    expect(await refusal(redeemAs(w.ctx, code, who))).toContain('COUPON_REVOKED');
  });

  it('at a till: records a REVERSAL fact and journals it; store scope applies', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const r = await redeemAs(w.ctx, code, who);
    const otherStore: HandlerContext = {
      ...w.ctx,
      principal: { kind: 'device', tillId: 'TS2-1', storeId: 'S2' },
    };
    expect((await apiError(reverse(otherStore, r.redemption.id))).code).toBe('FORBIDDEN');
    const manager: HandlerContext = {
      ...w.ctx,
      principal: {
        kind: 'user',
        userId: 'u-m',
        username: 'mgr-s2',
        role: 'store_manager',
        storeIds: ['S2'],
      },
    };
    expect((await apiError(reverse(manager, r.redemption.id))).code).toBe('FORBIDDEN');

    const facts: TillFact[] = [];
    const journal: LedgerJournalRecord[] = [];
    const till: HandlerContext = {
      ...w.ctx,
      host: 'till',
      principal: { kind: 'device', tillId: 'TS1-1', storeId: 'S1' },
      recordFact: async (_tx, fact) => {
        facts.push(fact);
      },
      journal: { append: async (rec) => void journal.push(rec as LedgerJournalRecord) },
    };
    await reverse(till, r.redemption.id, 'rev-till-1', 'customer changed mind');
    expect(facts).toEqual([expect.objectContaining({ kind: 'REVERSAL', clientId: 'rev-till-1' })]);
    expect(journal).toEqual([
      {
        type: 'REVERSAL',
        reversal: {
          redemptionId: r.redemption.id,
          reversalId: 'rev-till-1',
          reversedAt: T0,
          reason: 'customer changed mind',
        },
        fact: facts[0],
      },
    ]);
  });

  it('says which redemption does not exist', async () => {
    const e = await apiError(reverse(w.ctx, 'no-such-redemption'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('no-such-redemption');
  });
});
