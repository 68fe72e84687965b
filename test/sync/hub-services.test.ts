import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '#shared/api/errors';
import type { OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { resolveDeviceToken } from '#shared/services/sync/hub/devices';
import { newId } from '#shared/services/shared/ids';
import { eachDialect } from '../helpers/db';
import { rejection } from '../helpers/rejection';
import {
  backOffice,
  inDays,
  seedOrg,
  startHubInProcess,
  system,
  type Hub,
} from './support/in-process';

eachDialect('sync hub services', (dialect) => {
  let hub: Hub;
  let offer: OpOutput<'offers-create'>;
  let couponId: string;

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    offer = await hub.call(
      'offers-create',
      {
        name: 'Plain',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'COMMON', code: 'PLAIN10' },
        redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 40 },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    await hub.call('customers-create', { userId: '42', registeredAt: inDays(-3) }, backOffice);
    couponId = (
      await hub.call('coupons-issue', { id: offer.id, customer: { userId: '42' } }, backOffice)
    ).coupon.id;
  }, 120_000);
  afterAll(async () => hub?.db.close());

  const device = async (tillId: string): Promise<Principal> => {
    const reg = await hub.call('sync-register', { tillId }, system);
    const p = await resolveDeviceToken(hub.sql, reg.token);
    if (!p) throw new Error('no device');
    return p;
  };

  it('enrolment codes are single use, bound to their till, and registering again revokes the old credential', async () => {
    const code = (
      await hub.call('sync-enrolments-create', { tillId: 'T2', storeId: 'S1' }, backOffice)
    ).code;
    const wrongTill = await rejection(
      hub.call('sync-register', { tillId: 'T1', enrolmentCode: code }, { kind: 'anonymous' }),
    );
    expect(wrongTill.code).toBe('FORBIDDEN');
    const first = await hub.call(
      'sync-register',
      { enrolmentCode: code.toLowerCase() },
      { kind: 'anonymous' },
    );
    expect(first).toMatchObject({ tillId: 'T2', storeId: 'S1' });
    const again = await rejection(
      hub.call('sync-register', { enrolmentCode: code }, { kind: 'anonymous' }),
    );
    expect(again.message).toContain('already used');
    const none = await rejection(
      hub.call('sync-register', { tillId: 'T2' }, { kind: 'anonymous' }),
    );
    expect(none.code).toBe('UNAUTHENTICATED');
    expect(await resolveDeviceToken(hub.sql, first.token)).toMatchObject({
      kind: 'device',
      tillId: 'T2',
    });
    const second = await hub.call('sync-register', { tillId: 'T2' }, backOffice);
    expect(await resolveDeviceToken(hub.sql, first.token)).toBeNull();
    expect(await resolveDeviceToken(hub.sql, second.token)).toMatchObject({ tillId: 'T2' });
    // One character off (always a different one: a token may well end in '0').
    const last = second.token.slice(-1) === '0' ? '1' : '0';
    expect(await resolveDeviceToken(hub.sql, `${second.token.slice(0, -1)}${last}`)).toBeNull();
    // A new till under a known store is added to the org tree.
    const added = await hub.call(
      'sync-register',
      { tillId: 'T9', storeId: 'S2', name: 'Pop-up' },
      backOffice,
    );
    expect(added.storeId).toBe('S2');
  });

  it('a fact the hub cannot apply is logged and acknowledged; the facts around it still go in', async () => {
    const dev = await device('T3');
    const now = new Date().toISOString();
    const redemption = (seq: number, over: Record<string, unknown> = {}) => {
      const id = newId();
      return {
        tillSeq: seq,
        clientId: id,
        kind: 'REDEMPTION' as const,
        deviceTime: now,
        leaseId: null,
        payload: {
          id,
          couponId,
          offerId: offer.id,
          code: 'PLAIN10',
          customerId: null,
          storeId: 'S2',
          tillId: 'T3',
          billAmount: '100',
          currency: 'INR',
          discount: '10',
          redeemedAt: now,
          ...over,
        },
      };
    };
    const issuance = {
      tillSeq: 4,
      clientId: newId(),
      kind: 'ISSUANCE' as const,
      deviceTime: now,
      leaseId: null,
      payload: {
        couponId: newId(),
        offerId: offer.id,
        code: 'X1',
        customerId: 'nobody-here',
        issuedAt: now,
      },
    };
    const facts = [
      redemption(1),
      redemption(2, { couponId: 'no-such-coupon' }),
      redemption(3, { billAmount: undefined }),
      issuance,
      redemption(5),
    ];
    const out = await hub.call('sync-push', { facts }, dev);
    expect(out.ackedSeq).toBe(5);
    // Acknowledged, but honestly: the three the hub could not apply say so, with a reason.
    expect(out.results.map((r) => [r.outcome, r.reason?.code ?? null])).toEqual([
      ['applied', null],
      ['invalid', 'UNKNOWN_COUPON'],
      ['invalid', 'MALFORMED'],
      ['invalid', 'UNKNOWN_CUSTOMER'],
      ['applied', null],
    ]);
    const log = await hub.sql.query<{ till_seq: unknown; outcome: string }>(
      'SELECT till_seq, outcome FROM sync_facts WHERE till_id = $1 ORDER BY till_seq',
      ['T3'],
    );
    expect(log.map((r) => r.outcome)).toEqual([
      'applied',
      'invalid',
      'invalid',
      'invalid',
      'applied',
    ]);
    // Lease-less offline redemptions of a series-limited offer: recorded, flagged as overdraft.
    expect(out.results[0]?.classification).toBe('lease_overdraft');
    const ledger = await hub.sql.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM redemptions WHERE till_id = $1',
      ['T3'],
    );
    expect(Number(ledger[0]?.n)).toBe(2);
    // Both refused redemptions are money already given: each opened a reconciliation item.
    expect(out.results.slice(1, 3).map((r) => r.classification)).toEqual(['refused', 'refused']);
    expect(out.results[1]?.reconciliationId).not.toBeNull();
  });

  it('reconciliation lists by filter, scoped to the caller’s stores, and requires a reason', async () => {
    const refused = await hub.call(
      'reconciliation-list',
      { classification: 'refused' },
      backOffice,
    );
    expect(refused.items.map((i) => i.reasons[0]?.code).sort()).toEqual([
      'MALFORMED',
      'UNKNOWN_COUPON',
    ]);
    const all = await hub.call(
      'reconciliation-list',
      { offerId: offer.id, classification: 'lease_overdraft' },
      backOffice,
    );
    expect(all.total).toBe(2);
    // Both are the same coupon: each shows the other beside it, with its till and store.
    for (const item of all.items) {
      const other = all.items.find((i) => i !== item)!;
      expect(item.conflicts).toEqual([
        expect.objectContaining({
          redemptionId: other.redemptionId,
          storeId: 'S2',
          tillId: 'T3',
          offline: true,
          reversedAt: null,
        }),
      ]);
    }
    expect(
      all.items.every((i) => i.classification === 'lease_overdraft' && i.storeId === 'S2'),
    ).toBe(true);
    const manager: Principal = {
      kind: 'user',
      userId: 'm',
      username: 'manager',
      role: 'store_manager',
      storeIds: ['S1'],
    };
    expect((await hub.call('reconciliation-list', {}, manager)).total).toBe(0);
    expect((await hub.call('reconciliation-list', { to: inDays(-1) }, backOffice)).total).toBe(0);
    expect(
      (await hub.call('reconciliation-list', { classification: 'duplicate_code' }, backOffice))
        .total,
    ).toBe(0);
    const first = all.items[0]!;
    const noReason = await rejection(
      hub.call(
        'reconciliation-resolve',
        { id: first.id, action: 'REVOKE_COUPON', reason: '' },
        backOffice,
      ),
    );
    expect(noReason.code).toBe('INVALID_INPUT');
    const revoked = await hub.call(
      'reconciliation-resolve',
      { id: first.id, action: 'REVOKE_COUPON', reason: 'shared on social media' },
      backOffice,
    );
    expect(revoked).toMatchObject({
      status: 'RESOLVED',
      resolution: 'REVOKE_COUPON',
      resolutionReason: 'shared on social media',
    });
    const coupon = await hub.sql.query<{ state: string }>(
      'SELECT state FROM coupons WHERE id = $1',
      [couponId],
    );
    expect(coupon[0]?.state).toBe('REVOKED');
    expect(
      (
        await hub.call(
          'reconciliation-list',
          { status: 'OPEN', classification: 'lease_overdraft' },
          backOffice,
        )
      ).total,
    ).toBe(1);
  });
});

eachDialect('sync leases on the hub (property)', (dialect) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
  }, 120_000);
  afterAll(async () => hub?.db.close());

  it('the sum of grants plus redemptions never exceeds the limit, under any requests, returns and expiries', async () => {
    const tills = await Promise.all(
      ['T1', 'T2', 'T3'].map(async (t) => {
        const reg = await hub.call('sync-register', { tillId: t }, system);
        return (await resolveDeviceToken(hub.sql, reg.token)) as Principal;
      }),
    );
    const op = fc.oneof(
      fc.record({
        k: fc.constant('grant' as const),
        till: fc.nat(2),
        want: fc.integer({ min: 1, max: 30 }),
      }),
      fc.record({ k: fc.constant('return' as const), till: fc.nat(2) }),
      fc.record({ k: fc.constant('expire' as const) }),
      fc.record({ k: fc.constant('redeem' as const) }),
    );
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 25 }),
        fc.array(op, { maxLength: 15 }),
        async (limit, ops) => {
          round += 1;
          const offer = await hub.call(
            'offers-create',
            {
              name: `Prop ${round}`,
              expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
              discount: { type: 'FIXED', amount: '1', currency: 'INR' },
              codeGeneration: { method: 'COMMON', code: `PROP${round}X` },
              redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: limit },
              syncToInStore: { enabled: true, scope: [] },
            },
            backOffice,
          );
          await hub.call('customers-create', { userId: String(100_000 + round) }, backOffice);
          await hub.call(
            'coupons-issue',
            { id: offer.id, customer: { userId: String(100_000 + round) } },
            backOffice,
          );
          for (const o of ops) {
            if (o.k === 'grant') {
              await hub.call(
                'sync-leases',
                { requests: [{ offerId: offer.id, want: o.want }] },
                tills[o.till] as Principal,
              );
            } else if (o.k === 'return') {
              const mine = await hub.call('sync-leases', {}, tills[o.till] as Principal);
              const returns = mine.leases
                .filter((l) => l.offerId === offer.id)
                .map((l) => ({ leaseId: l.id }));
              await hub.call('sync-leases', { returns }, tills[o.till] as Principal);
            } else if (o.k === 'expire') {
              // Past expiry and grace: the next grant takes the unspent units back.
              await hub.sql.query(
                "UPDATE sync_leases SET expires_at = now() - interval '3 days' WHERE offer_id = $1",
                [offer.id],
              );
            } else {
              await hub
                .call(
                  'redemptions-redeem',
                  { code: `PROP${round}X`, billAmount: '10', storeId: 'S1', tillId: 'T1' },
                  backOffice,
                )
                .catch((e: unknown) => {
                  if (!(e instanceof ApiError) || e.code !== 'RULE_FAILED') throw e;
                });
            }
            const book = await hub.sql.query<{
              redeemed: number;
              outstanding: number;
              active: unknown;
            }>(
              `SELECT o.redeemed_count AS redeemed, o.leased_outstanding AS outstanding,
                    (SELECT COALESCE(SUM(granted - used), 0) FROM sync_leases l
                      WHERE l.offer_id = o.id AND l.status = 'ACTIVE') AS active
               FROM offers o WHERE o.id = $1`,
              [offer.id],
            );
            const b = book[0]!;
            expect(b.redeemed + b.outstanding).toBeLessThanOrEqual(limit);
            // The column the online check reads agrees with the leases themselves.
            expect(b.outstanding).toBe(Number(b.active));
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
