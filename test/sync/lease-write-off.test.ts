/**
 * Leases on long outages (docs/sync.md): a person writes off an expired lease whose till will
 * not report (audited), or the explicit reclaim option takes it back after the grace; a sale
 * the till made while the lease was valid then arrives as lease_reclaimed, never over_limit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpOutput } from '#shared/api/operations';
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
import { refusal } from './support/refusals';

const HOUR = 3_600_000;

eachDialect('leases of a silent till', (dialect) => {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let hub: Hub;
  let t1: Till;
  let t2: Till;
  let kept: OpOutput<'offers-create'>;
  let reclaimed: OpOutput<'offers-create'>;

  const capped = (name: string, code: string, reclaimAfterGrace: boolean) =>
    hub.call(
      'offers-create',
      {
        name,
        expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString() },
        discount: { type: 'FIXED', amount: '5', currency: 'INR' },
        codeGeneration: { method: 'COMMON', code },
        redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 3 },
        syncToInStore: { enabled: true, scope: [] },
        offlinePolicy: { mode: 'ALLOW', reclaimAfterGrace },
      },
      backOffice,
    );
  const sell = (till: Till, code: string) =>
    till.as(cashierAt('S1'))('redemptions-redeem', {
      code,
      billAmount: '100',
      storeId: 'S1',
      tillId: till.tillId,
    });

  beforeAll(async () => {
    hub = await startHubInProcess(dialect, { now });
    await seedOrg(hub);
    await hub.call(
      'customers-create',
      { userId: '9000', registeredAt: '2024-01-01T00:00:00Z' },
      backOffice,
    );
    kept = await capped('Kept until reported', 'KEPT3', false);
    reclaimed = await capped('Reclaimed after grace', 'RECL3', true);
    for (const id of [kept.id, reclaimed.id]) {
      await hub.call('coupons-issue', { id, customer: { userId: '9000' } }, backOffice);
    }
    t1 = await startTill(hub, 'T1', { now });
    t2 = await startTill(hub, 'T2', { now });
    await t1.client.syncNow();
    t1.link.cut = true;
    offsetMs = 1 * HOUR;
    await sell(t1, 'KEPT3');
    await sell(t1, 'RECL3');
  }, 120_000);

  afterAll(async () => {
    for (const t of [t1, t2]) await t?.db.close();
    await hub?.db.close();
  });

  const t1Lease = async (offerId: string) =>
    (await hub.call('sync-leases-list', { offerId, tillId: 'T1', limit: 10 }, backOffice)).items[0];

  it('refuses to write off a lease its till may still spend', async () => {
    const lease = await t1Lease(kept.id);
    expect(lease).toMatchObject({ status: 'ACTIVE', unspent: 1, overdue: false });
    const e = await refusal(
      hub.call(
        'sync-leases-write-off',
        { leaseId: lease?.id ?? '', reason: 'till lost' },
        backOffice,
      ),
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/may still spend it offline/);
  });

  it('after expiry, back office writes it off, audited, and the units are free again', async () => {
    offsetMs = 25 * HOUR;
    const overdue = await hub.call('sync-leases-list', { overdue: true, limit: 10 }, backOffice);
    expect(overdue.items.map((l) => l.offerId).sort()).toEqual([kept.id, reclaimed.id].sort());
    const lease = await t1Lease(kept.id);
    const out = await hub.call(
      'sync-leases-write-off',
      { leaseId: lease?.id ?? '', reason: 'T1 is at the repair shop' },
      backOffice,
    );
    expect(out).toMatchObject({ freed: 1, lease: { status: 'EXPIRED', unspent: 0 } });
    const audit = await hub.sql.query<{ details: { reason: string; freed: number } }>(
      `SELECT details FROM audit_log WHERE action = 'lease.write_off' AND entity_id = $1`,
      [lease?.id],
    );
    expect(audit.map((a) => a.details)).toMatchObject([
      { reason: 'T1 is at the repair shop', freed: 1 },
    ]);
  });

  it('with the offer’s reclaim option, the hub takes them back after the grace by itself', async () => {
    offsetMs = 60 * HOUR;
    await t2.client.syncNow(); // asks for leases: would reclaim under the option
    expect((await t1Lease(reclaimed.id))?.status).toBe('EXPIRED');
    // The other lease was written off by a person above; T1 holds nothing now.
    const active = await hub.sql.query(
      `SELECT 1 FROM sync_leases WHERE till_id = 'T1' AND status = 'ACTIVE'`,
    );
    expect(active).toEqual([]);
  });

  it('the sales T1 made while its leases were valid arrive as lease_reclaimed, in good faith', async () => {
    t1.link.cut = false;
    await t1.client.syncNow();
    const rows = await hub.sql.query<{ code: string; classification: string }>(
      `SELECT code, classification FROM redemptions WHERE till_id = 'T1' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'KEPT3', classification: 'lease_reclaimed' },
      { code: 'RECL3', classification: 'lease_reclaimed' },
    ]);
    const items = await hub.call(
      'reconciliation-list',
      { classification: 'lease_reclaimed' },
      backOffice,
    );
    expect(items.items).toHaveLength(2);
    expect(items.items[0]?.reasons.map((r) => r.code)).toEqual(['LEASE_RECLAIMED']);
  });
});
