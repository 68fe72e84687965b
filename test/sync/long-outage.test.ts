/**
 * Outages of days (issue 12 §3), with fake clocks at the hub and the till: a till offline for
 * 72 hours keeps validating and redeeming every kind of code it holds, stays within its lease
 * on a capped offer, and on reconnect every fact is classified as the rules say, each once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpOutput } from '#shared/api/operations';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import { eachDialect } from '../helpers/db';
import {
  backOffice,
  cashierAt,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
  type Till,
} from './support/in-process';
import { reasonsOf, refusal } from './support/refusals';

const HOUR = 3_600_000;

eachDialect('a till offline for 72 hours', (dialect) => {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const later = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  let hub: Hub;
  let t1: Till;
  let t2: Till;
  let capped: OpOutput<'offers-create'>;
  const held: { kind: string; code: string; customer?: string }[] = [];
  const made: string[] = [];
  let refusedCapped = 0;

  const offer = (name: string, codeGeneration: unknown, redemption: unknown = {}) =>
    hub.call(
      'offers-create',
      {
        name,
        expiry: { type: 'FIXED_DATE', endsAt: later(24 * 30) },
        discount: { type: 'FIXED', amount: '5', currency: 'INR' },
        codeGeneration: codeGeneration as { method: 'UPLOADED' },
        redemption: { allowAnyone: true, moreThanOnce: true, ...(redemption as object) },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );

  beforeAll(async () => {
    hub = await startHubInProcess(dialect, { now });
    await seedOrg(hub);
    const unique = await offer('Unique', {
      method: 'UNIQUE_AUTO',
      length: 8,
      charset: 'ALPHANUMERIC',
    });
    const common = await offer('Common', { method: 'COMMON', code: 'EVERYDAY5' });
    const randomized = await offer('Randomized', {
      method: 'RANDOMIZED_COMMON',
      sample: 'LONG12345',
    });
    const uploaded = await offer('Uploaded', { method: 'UPLOADED' });
    capped = await offer('Capped', { method: 'COMMON', code: 'CAPPED6' }, { seriesLimit: 6 });
    await hub.call(
      'uploads-create',
      { id: uploaded.id, csv: 'code\nUP-1\nUP-2\nUP-3\nUP-4\n', kind: 'CODES' },
      backOffice,
    );
    await whenUploadsIdle(hub.sql);
    for (let i = 0; i < 4; i += 1) {
      const userId = String(8000 + i);
      await hub.call('customers-create', { userId, registeredAt: later(-24 * 100) }, backOffice);
      const issue = async (id: string, kind: string, code?: string) => {
        const c = await hub.call(
          'coupons-issue',
          { id, customer: { userId }, ...(code ? { code } : {}) },
          backOffice,
        );
        held.push({ kind, code: c.coupon.code, customer: userId });
      };
      await issue(unique.id, 'unique');
      await issue(randomized.id, 'randomized');
      await issue(uploaded.id, 'uploaded', `UP-${i + 1}`);
    }
    await hub.call('coupons-issue', { id: common.id, customer: { userId: '8000' } }, backOffice);
    await hub.call('coupons-issue', { id: capped.id, customer: { userId: '8000' } }, backOffice);
    t1 = await startTill(hub, 'T1', { now });
    t2 = await startTill(hub, 'T2', { now });
    for (const t of [t1, t2]) await t.client.syncNow();
  }, 120_000);

  afterAll(async () => {
    for (const t of [t1, t2]) await t?.db.close();
    await hub?.db.close();
  });

  const sell = (till: Till, code: string, customer?: string) => ({
    code,
    billAmount: '100',
    storeId: 'S1',
    tillId: till.tillId,
    ...(customer ? { customer: { userId: customer } } : {}),
  });

  it('T1 holds a share of the capped offer: 6 across three tills, 2 each', async () => {
    const leases = await t1.sql.query<{ granted: number }>('SELECT granted FROM till_leases');
    expect(leases.map((l) => Number(l.granted))).toEqual([2]);
  });

  it('offline for 72 hours, T1 keeps validating and redeeming every kind of code it holds', async () => {
    t1.link.cut = true;
    const cashier = t1.as(cashierAt('S1'));
    for (let step = 0; step < 12; step += 1) {
      offsetMs = step * 6 * HOUR; // every 6 hours, up to 66 h
      const pick = held[step % held.length] as (typeof held)[number];
      const common = step % 3 === 0 ? ['EVERYDAY5'] : [];
      for (const code of [pick.code, ...common]) {
        const who = code === 'EVERYDAY5' ? undefined : pick.customer;
        const v = await cashier('redemptions-validate', sell(t1, code, who));
        if (!v.valid) continue; // a single-use code already used in an earlier step
        const r = await cashier('redemptions-redeem', sell(t1, code, who));
        made.push(r.redemption.id);
      }
      // The capped offer: within the lease while it is valid, refused after it expires.
      const v = await cashier('redemptions-validate', sell(t1, 'CAPPED6'));
      if (v.valid) {
        made.push((await cashier('redemptions-redeem', sell(t1, 'CAPPED6'))).redemption.id);
      } else {
        expect(v.reasons.map((x) => x.code)).toEqual(['OFFLINE_ALLOWANCE_USED_UP']);
        const e = await refusal(cashier('redemptions-redeem', sell(t1, 'CAPPED6')));
        expect(reasonsOf(e).map((x) => x.code)).toEqual(['OFFLINE_ALLOWANCE_USED_UP']);
        refusedCapped += 1;
      }
      // Meanwhile T2, online, sells the capped offer at the hub and keeps its lease topped up.
      try {
        await t2.as(cashierAt('S1'))('redemptions-redeem', sell(t2, 'CAPPED6'));
      } catch {
        // The hub refuses once the limit is used or promised to tills: that is the point.
      }
      await t2.client.syncNow();
    }
    offsetMs = 72 * HOUR;
    const kinds = new Set(
      (
        await t1.sql.query<{ code: string }>(`SELECT code FROM redemptions WHERE till_id = 'T1'`)
      ).map((r) => held.find((h) => h.code === r.code)?.kind ?? r.code),
    );
    expect([...kinds].sort()).toEqual(['CAPPED6', 'EVERYDAY5', 'randomized', 'unique', 'uploaded']);
    const capUsed = await t1.sql.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM redemptions WHERE till_id = 'T1' AND code = 'CAPPED6'`,
    );
    expect(Number(capUsed[0]?.n)).toBe(2); // its lease, no more
    expect(refusedCapped).toBe(10);
  }, 120_000);

  it('the hub never lent T1’s units again while T1 was silent: the cap held', async () => {
    const [o] = await hub.sql.query<{ redeemed: unknown; outstanding: unknown }>(
      'SELECT redeemed_count AS redeemed, leased_outstanding AS outstanding FROM offers WHERE id = $1',
      [capped.id],
    );
    // T1's 2 units are still held for it, whatever T2 asked for in 72 hours.
    expect(Number(o?.redeemed) + Number(o?.outstanding)).toBeLessThanOrEqual(6);
    const t1Lease = await hub.sql.query<{ status: string; unspent: unknown }>(
      `SELECT status, granted - used AS unspent FROM sync_leases WHERE till_id = 'T1'`,
    );
    expect(t1Lease).toEqual([{ status: 'ACTIVE', unspent: expect.anything() }]);
  });

  it('on reconnect every fact is recorded once and classified as the rules say', async () => {
    t1.link.cut = false;
    await t1.client.syncNow();
    await t1.client.syncNow();
    expect(await t1.sql.query('SELECT 1 FROM till_outbox')).toEqual([]);
    const rows = await hub.sql.query<{ id: string; classification: string | null }>(
      `SELECT id, classification FROM redemptions WHERE till_id = 'T1' ORDER BY id`,
    );
    expect(rows.map((r) => r.id)).toEqual([...made].sort());
    expect(new Set(rows.map((r) => r.classification))).toEqual(new Set(['accepted']));
    expect(
      Number(
        (
          await hub.sql.query<{ n: unknown }>(
            'SELECT count(*) AS n FROM sync_facts WHERE till_id = $1',
            ['T1'],
          )
        )[0]?.n,
      ),
    ).toBe(made.length);
    const [o] = await hub.sql.query<{ redeemed: unknown }>(
      'SELECT redeemed_count AS redeemed FROM offers WHERE id = $1',
      [capped.id],
    );
    expect(Number(o?.redeemed)).toBeLessThanOrEqual(6);
    // T1 reported: its expired lease went back, and the hub may lend its unspent units again.
    const t1Lease = await hub.sql.query<{ status: string }>(
      `SELECT status FROM sync_leases WHERE till_id = 'T1' ORDER BY granted_at`,
    );
    expect(t1Lease[0]?.status).toBe('RETURNED');
  });
});
