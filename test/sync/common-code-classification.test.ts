import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfferInput } from '#shared/domain/offer';
import type { Principal } from '#shared/api/roles';
import { resolveDeviceToken } from '#shared/services/sync/hub/devices';
import { newId } from '#shared/services/shared/ids';
import { eachDialect } from '../helpers/db';
import { backOffice, inDays, seedOrg, startHubInProcess, type Hub } from './support/in-process';

/**
 * The hub's classification of offline redemptions of a common code counts its code limit the
 * way the online redeem does: where only recipients may redeem, each recipient's coupon has its
 * own allowance; where anyone may, the code's limit is shared across the offer. Facts arrive in
 * two pushes, so both the ledger's prior redemptions and the run's own earlier facts count.
 */
eachDialect('sync: offline redemptions of common codes', (dialect) => {
  let hub: Hub;
  let dev: Principal;
  let seq = 0;
  const people = ['501', '502', '503'];

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    for (const userId of people) {
      await hub.call('customers-create', { userId, registeredAt: inDays(-3) }, backOffice);
    }
    const reg = await hub.call('sync-register', { tillId: 'T3' });
    const p = await resolveDeviceToken(hub.sql, reg.token);
    if (!p) throw new Error('no device');
    dev = p;
  }, 120_000);
  afterAll(async () => hub?.db.close());

  /** A common-code offer issued to every person; their coupon ids and customer ids by userId. */
  async function offerIssued(code: string, redemption: OfferInput['redemption']) {
    const offer = await hub.call(
      'offers-create',
      {
        name: `Common ${code}`,
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'COMMON', code },
        redemption,
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    const held = new Map<string, { couponId: string; customerId: string }>();
    for (const userId of people) {
      const { coupon } = await hub.call(
        'coupons-issue',
        { id: offer.id, customer: { userId } },
        backOffice,
      );
      held.set(userId, { couponId: coupon.id, customerId: coupon.customerId as string });
    }
    return { offerId: offer.id, held };
  }

  /** Pushes one offline redemption per [coupon holder, redeemer] pair; their classifications. */
  async function push(
    code: string,
    o: Awaited<ReturnType<typeof offerIssued>>,
    pairs: [string, string][],
  ): Promise<(string | null)[]> {
    const now = new Date().toISOString();
    const facts = pairs.map(([holder, redeemer]) => {
      const id = newId();
      return {
        tillSeq: ++seq,
        clientId: id,
        kind: 'REDEMPTION' as const,
        deviceTime: now,
        leaseId: null,
        payload: {
          id,
          couponId: o.held.get(holder)?.couponId as string,
          offerId: o.offerId,
          code,
          customerId: o.held.get(redeemer)?.customerId as string,
          storeId: 'S2',
          tillId: 'T3',
          billAmount: '100',
          currency: 'INR',
          discount: '10',
          redeemedAt: now,
        },
      };
    });
    const out = await hub.call('sync-push', { facts }, dev);
    return out.results.map((r) => r.classification ?? null);
  }

  it('recipients only: each recipient has their own allowance of the common code', async () => {
    const o = await offerIssued('MINE10', { allowAnyone: false, customerLimit: 1 });
    expect(await push('MINE10', o, [['501', '501']])).toEqual(['accepted']);
    // 502's and 503's allowances are untouched by 501's use; 501's second use is over.
    expect(
      await push('MINE10', o, [
        ['502', '502'],
        ['501', '501'],
        ['503', '503'],
        ['502', '502'],
      ]),
    ).toEqual(['accepted', 'over_limit', 'accepted', 'over_limit']);
  });

  it('recipients only, twice each: the third use by one recipient is over, others unaffected', async () => {
    const o = await offerIssued('TWICE10', {
      allowAnyone: false,
      moreThanOnce: true,
      customerLimit: 2,
    });
    expect(
      await push('TWICE10', o, [
        ['501', '501'],
        ['501', '501'],
      ]),
    ).toEqual(['accepted', 'accepted']);
    expect(
      await push('TWICE10', o, [
        ['502', '502'],
        ['501', '501'],
        ['502', '502'],
      ]),
    ).toEqual(['accepted', 'over_limit', 'accepted']);
  });

  it('anyone may redeem: the code limit is shared by the whole offer', async () => {
    const o = await offerIssued('SHARED10', { allowAnyone: true, codeLimit: 2 });
    expect(await push('SHARED10', o, [['501', '501']])).toEqual(['accepted']);
    expect(
      await push('SHARED10', o, [
        ['502', '502'],
        ['503', '503'],
      ]),
    ).toEqual(['accepted', 'over_limit']);
  });
});
