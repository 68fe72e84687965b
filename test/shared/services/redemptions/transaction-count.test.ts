import { afterAll, beforeAll, expect, it } from 'vitest';
import { getCustomer } from '#shared/services/customers/customer-service';
import { reverseRedemption } from '#shared/services/redemptions/reverse';
import { makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, refusal } from './helpers';

/** "New customers only" reads the customer's transaction count; each redeemed bill adds one. */
eachDialect('redemptions: transactions of the customer', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const transactions = async (id: string) => (await getCustomer(w.sql, id)).transactionCount;

  it('counts each redeemed bill once: a retry adds nothing, a reversal takes nothing back', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx, { transactionCount: 4 });
    const first = await redeemAs(w.ctx, await issueTo(w.ctx, offer, who), who, {
      clientId: 'tx-count-0001',
    });
    expect(await transactions(who.id)).toBe(5);
    const retry = await redeemAs(w.ctx, first.redemption.code, who, { clientId: 'tx-count-0001' });
    expect(retry.replayed).toBe(true);
    expect(await transactions(who.id)).toBe(5);
    await reverseRedemption({ id: first.redemption.id, reason: 'wrong basket' }, w.ctx);
    // The purchase happened; only the coupon got its use back.
    expect(await transactions(who.id)).toBe(5);
    await redeemAs(w.ctx, await issueTo(w.ctx, offer, who), who);
    expect(await transactions(who.id)).toBe(6);
    // A bill without a customer counts for nobody (and fails nothing).
    const common = await makeOffer(w.ctx, {
      codeGeneration: { method: 'COMMON', code: 'TXANYONE' },
      redemption: { allowAnyone: true, moreThanOnce: true },
    });
    await issueTo(w.ctx, common, who);
    await redeemAs(w.ctx, 'TXANYONE', null);
    expect(await transactions(who.id)).toBe(6);
  });

  it('a first-purchase offer stops qualifying once the customer has bought', async () => {
    const firstPurchase = await makeOffer(w.ctx, {
      redemption: { newCustomers: { maxTransactions: 0 } },
    });
    const other = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const welcome = await issueTo(w.ctx, firstPurchase, who);
    await redeemAs(w.ctx, await issueTo(w.ctx, other, who), who);
    expect(await refusal(redeemAs(w.ctx, welcome, who))).toEqual(['NOT_A_NEW_CUSTOMER']);
  });
});
