import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '#shared/api/errors';
import type { OpOutput } from '#shared/api/operations';
import { eachDialect } from '../helpers/db';
import { rejection } from '../helpers/rejection';
import {
  backOffice,
  cashierAt,
  inDays,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
  type Till,
} from './support/in-process';

const reasonCodesOf = (e: ApiError): string[] =>
  ((e.details as { reasons?: { code: string }[] } | null)?.reasons ?? []).map((r) => r.code);

const count = async (hub: Hub, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await hub.sql.query<{ n: unknown }>(sql, params))[0]?.n ?? 0);

eachDialect('sync in process: hub + tills', (dialect) => {
  let hub: Hub;
  let t1: Till;
  let t2: Till;
  let t3: Till;
  let singleUse: OpOutput<'offers-create'>;
  let capped: OpOutput<'offers-create'>;
  const codes: string[] = [];
  const common = 'CAP10';

  const redeemAt = (till: Till, code: string, clientId?: string) =>
    till.as(cashierAt(till.storeId))('redemptions-redeem', {
      code,
      billAmount: '1000',
      storeId: till.storeId,
      tillId: till.tillId,
      ...(clientId ? { clientId } : {}),
    });

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    singleUse = await hub.call(
      'offers-create',
      {
        name: 'Single use fifty',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '50', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 1 },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    capped = await hub.call(
      'offers-create',
      {
        name: 'Capped common',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'COMMON', code: common },
        redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 10 },
        syncToInStore: { enabled: true, scope: [{ type: 'STORE', id: 'S1' }] },
      },
      backOffice,
    );
    for (let i = 0; i < 4; i += 1) {
      await hub.call(
        'customers-create',
        { userId: String(5000 + i), registeredAt: inDays(-100) },
        backOffice,
      );
      const issued = await hub.call(
        'coupons-issue',
        { id: singleUse.id, customer: { userId: String(5000 + i) } },
        backOffice,
      );
      codes.push(issued.coupon.code);
    }
    await hub.call('coupons-issue', { id: capped.id, customer: { userId: '5000' } }, backOffice);
    t1 = await startTill(hub, 'T1');
    t2 = await startTill(hub, 'T2');
    t3 = await startTill(hub, 'T3');
    for (const t of [t1, t2, t3]) await t.client.syncNow();
  }, 120_000);

  afterAll(async () => {
    for (const t of [t1, t2, t3]) await t?.db.close();
    await hub?.db.close();
  });

  it('first pull brings the offers each till may see, their coupons and customers', async () => {
    const rows = await t1.sql.query<{ id: string }>(
      'SELECT id FROM offers WHERE sync_enabled ORDER BY name',
    );
    expect(rows.map((r) => r.id).sort()).toEqual([capped.id, singleUse.id].sort());
    // The first pull built the big tables' secondary indexes once, at the end: all are back.
    expect(await t1.sql.query('SELECT * FROM till_deferred_indexes')).toEqual([]);
    const indexes = await t1.sql.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename IN ('coupons', 'customers', 'redemptions')",
    );
    const fresh = await hub.sql.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename IN ('coupons', 'customers', 'redemptions')",
    );
    expect(indexes.map((i) => i.indexname).sort()).toEqual(fresh.map((i) => i.indexname).sort());
    // Derived tables kept by triggers (the offers list) follow the pulled rows.
    const listed = await t1.as(cashierAt('S1'))('offers-list', {});
    expect(listed.items.map((o) => o.id).sort()).toEqual([capped.id, singleUse.id].sort());
    const t3Offers = await t3.sql.query<{ id: string }>('SELECT id FROM offers WHERE sync_enabled');
    expect(t3Offers.map((r) => r.id)).toEqual([singleUse.id]);
    const coupons = await t1.sql.query<{ code: string }>(
      'SELECT code FROM coupons WHERE offer_id = $1',
      [singleUse.id],
    );
    expect(coupons.map((c) => c.code).sort()).toEqual([...codes].sort());
    const health = await t1.as(cashierAt('S1'))('sync-health', {});
    expect(health).toMatchObject({ host: 'till', online: true, pendingFacts: 0, lag: 0 });
    // T1 and T2 share the capped offer (store S1): each got half of 10 as offline allowance.
    expect(health.leases).toEqual([
      expect.objectContaining({ offerId: capped.id, granted: 5, remaining: 5 }),
    ]);
  });

  it('online: the hub decides, and the replica records the outcome', async () => {
    const out = await redeemAt(t1, codes[0] as string);
    expect(out.redemption.code).toBe(codes[0]);
    expect(
      await count(hub, 'SELECT count(*) AS n FROM redemptions WHERE id = $1', [out.redemption.id]),
    ).toBe(1);
    const local = await t1.sql.query<{ origin: string }>(
      'SELECT origin FROM redemptions WHERE id = $1',
      [out.redemption.id],
    );
    expect(local).toEqual([{ origin: 'ONLINE' }]);
    expect(await t1.sql.query('SELECT * FROM till_outbox')).toEqual([]);
    // T2's replica has not pulled yet, but online the hub refuses the second use.
    const e = await rejection(redeemAt(t2, codes[0] as string));
    expect(reasonCodesOf(e)).toContain('CODE_LIMIT_REACHED');
  });

  it('offline at two tills: both redeem the same code; the hub records both and flags one', async () => {
    t1.link.cut = true;
    t2.link.cut = true;
    const code = codes[1] as string;
    const a = await redeemAt(t1, code);
    const b = await redeemAt(t2, code);
    expect(a.redemption.id).not.toBe(b.redemption.id);
    expect(t1.client.online).toBe(false);
    expect((await t1.as(cashierAt('S1'))('sync-health', {})).pendingFacts).toBe(1);
    t1.link.cut = false;
    t2.link.cut = false;
    await t1.client.syncNow();
    await t2.client.syncNow();
    const ledger = await hub.sql.query<{ id: string; classification: string }>(
      'SELECT id, classification FROM redemptions WHERE code = $1 ORDER BY till_seq, id',
      [code],
    );
    expect(ledger.map((r) => r.classification).sort()).toEqual(['accepted', 'duplicate_code']);
    const items = await hub.call(
      'reconciliation-list',
      { classification: 'duplicate_code', status: 'OPEN' },
      backOffice,
    );
    expect(items.total).toBe(1);
    const item = items.items[0]!;
    expect(item).toMatchObject({ code, tillId: 'T2', classification: 'duplicate_code' });
    expect(item.reasons[0]?.message).toContain('T1');
    // Both tills' outboxes are empty: acknowledged facts leave the till.
    expect(await t2.sql.query('SELECT * FROM till_outbox')).toEqual([]);

    const resolved = await hub.call(
      'reconciliation-resolve',
      { id: item.id, action: 'REVERSE_REDEMPTION', reason: 'second use at T2 during the outage' },
      backOffice,
    );
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      resolution: 'REVERSE_REDEMPTION',
      resolvedBy: 'backoffice',
    });
    const audit = await hub.sql.query<{ actor: string; details: { reason: string } }>(
      "SELECT actor, details FROM audit_log WHERE entity_type = 'reconciliation_item' AND entity_id = $1",
      [item.id],
    );
    expect(audit).toEqual([
      {
        actor: 'backoffice',
        details: expect.objectContaining({ reason: 'second use at T2 during the outage' }),
      },
    ]);
    const coupon = await hub.sql.query<{ redemption_count: number }>(
      'SELECT redemption_count FROM coupons WHERE code = $1',
      [code],
    );
    expect(coupon[0]?.redemption_count).toBe(1);
    await expect(
      hub.call(
        'reconciliation-resolve',
        { id: item.id, action: 'ACCEPT_WRITE_OFF', reason: 'again' },
        backOffice,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('offline within leases: a capped offer is never over-redeemed, and no overdraft', async () => {
    t1.link.cut = true;
    t2.link.cut = true;
    const results = { ok: 0, refused: [] as string[] };
    for (const till of [t1, t2]) {
      for (let i = 0; i < 7; i += 1) {
        try {
          await redeemAt(till, common);
          results.ok += 1;
        } catch (error) {
          results.refused.push(...reasonCodesOf(error as ApiError));
        }
      }
    }
    expect(results.ok).toBe(10);
    expect(results.refused).toEqual(Array(4).fill('OFFLINE_ALLOWANCE_USED_UP'));
    t1.link.cut = false;
    t2.link.cut = false;
    await t1.client.syncNow();
    await t2.client.syncNow();
    const byClass = await hub.sql.query<{ classification: string; n: unknown }>(
      'SELECT classification, count(*) AS n FROM redemptions WHERE offer_id = $1 GROUP BY classification',
      [capped.id],
    );
    expect(byClass.map((r) => [r.classification, Number(r.n)])).toEqual([['accepted', 10]]);
    const offer = await hub.sql.query<{ redeemed_count: number; leased_outstanding: number }>(
      'SELECT redeemed_count, leased_outstanding FROM offers WHERE id = $1',
      [capped.id],
    );
    expect(offer[0]).toEqual({ redeemed_count: 10, leased_outstanding: 0 });
    // Online now, the hub refuses an eleventh.
    const e = await rejection(redeemAt(t1, common));
    expect(reasonCodesOf(e)).toContain('SERIES_LIMIT_REACHED');
  });

  it('push is idempotent: replays and duplicates change nothing; a gap asks for a resend', async () => {
    t3.link.cut = true;
    await redeemAt(t3, codes[2] as string);
    await redeemAt(t3, codes[3] as string);
    const facts = await t3.sql.query<{ seq: unknown }>('SELECT seq FROM till_outbox ORDER BY seq');
    expect(facts.map((f) => Number(f.seq))).toEqual([1, 2]);
    t3.link.cut = false;
    const { pendingFacts } = await import('#shared/services/sync/till/outbox');
    const pending = await pendingFacts(t3.sql, 0, 10);
    const gap = await t3.link.send('sync-push', { facts: pending.slice(1) });
    expect(gap).toMatchObject({ ackedSeq: 0, resendFrom: 1 });
    const first = await t3.link.send('sync-push', { facts: pending });
    expect(first.ackedSeq).toBe(2);
    expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const again = await t3.link.send('sync-push', { facts: [...pending].reverse() });
    expect(again.ackedSeq).toBe(2);
    expect(again.results.map((r) => r.outcome)).toEqual(['already_applied', 'already_applied']);
    await t3.client.syncNow();
    expect(
      await count(hub, 'SELECT count(*) AS n FROM redemptions WHERE till_id = $1', ['T3']),
    ).toBe(2);
    expect(await t3.sql.query('SELECT * FROM till_outbox')).toEqual([]);
  });

  it('back-office changes made offline are queued, then confirmed or rejected by the hub', async () => {
    // Signed in while the hub answered: the hub issued an offline grant the changes are signed with.
    const bo = t1.as(await t1.signIn('backoffice', 'backoffice-pass'));
    t1.link.cut = true;
    await t1.client.syncNow();
    const queued = await rejection(
      bo('offers-update', { id: singleUse.id, name: 'Renamed offline' }),
    );
    expect(queued.code).toBe('UNAVAILABLE');
    expect(queued.details).toMatchObject({ queued: true });
    const bad = await rejection(bo('offers-update', { id: 'no-such-offer', name: 'x' }));
    expect(bad.code).toBe('UNAVAILABLE');
    const list = await bo('sync-commands-list', {});
    expect(list.items.map((c) => c.status)).toEqual(['QUEUED', 'QUEUED']);
    t1.link.cut = false;
    await t1.client.syncNow();
    const after = await bo('sync-commands-list', {});
    expect(after.items.map((c) => [c.op, c.status])).toEqual([
      ['offers-update', 'REJECTED'],
      ['offers-update', 'CONFIRMED'],
    ]);
    expect(after.items[0]?.error?.code).toBe('NOT_FOUND');
    const local = await t1.sql.query<{ name: string }>('SELECT name FROM offers WHERE id = $1', [
      singleUse.id,
    ]);
    expect(local[0]?.name).toBe('Renamed offline');
    // Online, a change answers the hub's result at once.
    const online = await bo('offers-update', { id: singleUse.id, name: 'Renamed online' });
    expect((online as { name: string }).name).toBe('Renamed online');
  });

  it('a customer registered at a till reaches the hub: queued offline, the hub’s answer online', async () => {
    const cashier = t1.as(await t1.signIn('cashier', 'cashier-pass'));
    t1.link.cut = true;
    await t1.client.syncNow();
    const queued = await rejection(
      cashier('customers-create', { userId: '8800', registeredAt: inDays(-1) }),
    );
    expect(queued.code).toBe('UNAVAILABLE');
    expect(queued.details).toMatchObject({ queued: true });
    // Not half-made at the till either: the replica has no such customer.
    const local = 'SELECT count(*) AS n FROM customers WHERE user_id = $1';
    expect(Number((await t1.sql.query<{ n: unknown }>(local, ['8800']))[0]?.n)).toBe(0);
    expect(await count(hub, local, ['8800'])).toBe(0);
    t1.link.cut = false;
    await t1.client.syncNow();
    expect(await count(hub, local, ['8800'])).toBe(1);
    const online = await cashier('customers-create', {
      userId: '8801',
      registeredAt: inDays(-1),
    });
    expect(online.userId).toBe('8801');
    expect(await count(hub, 'SELECT count(*) AS n FROM customers WHERE id = $1', [online.id])).toBe(
      1,
    );
    // A duplicate is refused by the hub, with the hub's error.
    const again = await rejection(
      cashier('customers-create', { userId: '8801', registeredAt: inDays(-1) }),
    );
    expect(again.code).toBe('CONFLICT');
    // People are added at the hub only: a till refuses, naming where to do it.
    const admin = { ...backOffice, role: 'admin' as const };
    const person = await rejection(
      t1.as(admin)('users-create', {
        username: 'newhire',
        password: 'newhire-pass-1',
        role: 'cashier',
        storeIds: ['S1'],
      }),
    );
    expect(person.code).toBe('FORBIDDEN');
    expect(person.message).toMatch(/at the hub/);
  });

  it('an offer that becomes visible later is backfilled with its older coupons', async () => {
    const late = await hub.call(
      'offers-create',
      {
        name: 'Late sync',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '5', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 1 },
      },
      backOffice,
    );
    const lateCode = (
      await hub.call('coupons-issue', { id: late.id, customer: { userId: '5001' } }, backOffice)
    ).coupon.code;
    await t3.client.syncNow();
    expect(await t3.sql.query('SELECT 1 FROM coupons WHERE code = $1', [lateCode])).toEqual([]);
    await hub.call(
      'offers-set-sync',
      { id: late.id, enabled: true, scope: [{ type: 'STORE', id: 'S2' }] },
      backOffice,
    );
    await t3.client.syncNow();
    expect(await t3.sql.query('SELECT 1 AS one FROM coupons WHERE code = $1', [lateCode])).toEqual([
      { one: 1 },
    ]);
    expect(await t3.sql.query('SELECT * FROM till_backfills')).toEqual([]);
    // T1 is in S1: out of scope, it never sees the offer.
    await t1.client.syncNow();
    expect(
      await t1.sql.query('SELECT 1 FROM offers WHERE id = $1 AND sync_enabled', [late.id]),
    ).toEqual([]);
  });

  it('tiny pages deliver exactly what one big page does, whatever the interleaving of tables', async () => {
    await hub.call('customers-create', { userId: '6200', registeredAt: inDays(-5) }, backOffice);
    const own = await hub.call(
      'coupons-issue',
      { id: singleUse.id, customer: { userId: '6200' } },
      backOffice,
    );
    await hub.call(
      'redemptions-redeem',
      { code: own.coupon.code, billAmount: '300', storeId: 'S2', tillId: 'T3' },
      backOffice,
    );
    // A new till in T3's store pulls from the start with a page of 3 rows.
    const small = await startTill(hub, 'T4', { pullLimit: 3, storeId: 'S2' });
    try {
      await small.client.syncNow();
      const snapshot = async (sql: typeof small.sql) => ({
        offers: await sql.query(
          'SELECT id, name, redeemed_count FROM offers WHERE sync_enabled ORDER BY id',
        ),
        coupons: await sql.query(
          'SELECT id, code, redemption_count, state FROM coupons ORDER BY id',
        ),
        customers: await sql.query('SELECT id, user_id FROM customers ORDER BY id'),
        redemptions: await sql.query(
          'SELECT id, classification, reversed_at FROM redemptions ORDER BY id',
        ),
      });
      await t3.client.syncNow();
      const big = await snapshot(t3.sql);
      expect(await snapshot(small.sql)).toEqual(big);
      expect(big.coupons.length).toBeGreaterThan(3);
      expect(big.redemptions.length).toBeGreaterThan(0);
    } finally {
      await small.db.close();
    }
  });

  it('a customer who becomes visible with a new coupon is fetched by id', async () => {
    await hub.call('customers-create', { userId: '6100', registeredAt: inDays(-400) }, backOffice);
    await t1.client.syncNow();
    const before = await t1.sql.query('SELECT 1 FROM customers WHERE user_id = $1', ['6100']);
    expect(before).toEqual([]);
    await hub.call('coupons-issue', { id: singleUse.id, customer: { userId: '6100' } }, backOffice);
    const calls = t1.link.calls;
    await t1.client.syncNow();
    const after = await t1.sql.query<{ user_id: string }>(
      'SELECT user_id FROM customers WHERE user_id = $1',
      ['6100'],
    );
    expect(after).toEqual([{ user_id: '6100' }]);
    expect(t1.link.calls).toBeGreaterThan(calls);
  });

  it('each redeemed bill counts once as a transaction of its customer, offline ones too', async () => {
    const transactions = async (sql: Hub['sql']): Promise<number> =>
      Number(
        (
          await sql.query<{ n: unknown }>(
            "SELECT transaction_count AS n FROM customers WHERE user_id = '5003'",
          )
        )[0]?.n,
      );
    const issue = async () =>
      (
        await hub.call(
          'coupons-issue',
          { id: singleUse.id, customer: { userId: '5003' } },
          backOffice,
        )
      ).coupon.code;
    const redeemFor = (till: Till, code: string) =>
      till.as(cashierAt(till.storeId))('redemptions-redeem', {
        code,
        customer: { userId: '5003' },
        billAmount: '1000',
        storeId: till.storeId,
        tillId: till.tillId,
      });
    const n = await transactions(hub.sql);
    // Online: the hub counts the bill when it records it.
    await redeemFor(t1, await issue());
    expect(await transactions(hub.sql)).toBe(n + 1);
    // Offline at T3: the replica counts it at once, so "new customers only" sees it offline.
    const offline = await issue();
    await t3.client.syncNow();
    expect(await transactions(t3.sql)).toBe(n + 1);
    t3.link.cut = true;
    await redeemFor(t3, offline);
    expect(await transactions(t3.sql)).toBe(n + 2);
    // A pull before the fact is pushed brings the hub's row (n + 1): the pending bill stays counted.
    t3.link.cut = false;
    await hub.call('customers-update', { ref: 'userId:5003', name: 'Renamed' }, backOffice);
    await t3.client.pullAll();
    expect(await t3.sql.query('SELECT name FROM customers WHERE user_id = $1', ['5003'])).toEqual([
      { name: 'Renamed' },
    ]);
    expect(await transactions(t3.sql)).toBe(n + 2);
    // Pushed, the hub counts it once; pushed again, nothing changes.
    const { pendingFacts } = await import('#shared/services/sync/till/outbox');
    const pending = await pendingFacts(t3.sql, 0, 10);
    await t3.client.syncNow();
    expect(await transactions(hub.sql)).toBe(n + 2);
    const again = await t3.link.send('sync-push', { facts: pending });
    expect(again.results.map((r) => r.outcome)).toEqual(['already_applied']);
    expect(await transactions(hub.sql)).toBe(n + 2);
    expect(await transactions(t3.sql)).toBe(n + 2);
  });
});

eachDialect('sync in process: escrow online and offline policy', (dialect) => {
  let hub: Hub;
  let t3: Till;
  let escrow: OpOutput<'offers-create'>;
  let onlineOnly: OpOutput<'offers-create'>;
  let upToBill: OpOutput<'offers-create'>;

  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
    const base = {
      expiry: { type: 'FIXED_DATE' as const, endsAt: inDays(30) },
      discount: { type: 'FIXED' as const, amount: '10', currency: 'INR' },
      syncToInStore: { enabled: true, scope: [{ type: 'STORE' as const, id: 'S2' }] },
    };
    escrow = await hub.call(
      'offers-create',
      {
        ...base,
        name: 'Four only',
        codeGeneration: { method: 'COMMON', code: 'FOUR4' },
        redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 4 },
      },
      backOffice,
    );
    onlineOnly = await hub.call(
      'offers-create',
      {
        ...base,
        name: 'Online only',
        codeGeneration: { method: 'COMMON', code: 'ONLINE1' },
        redemption: { allowAnyone: true, moreThanOnce: true },
        offlinePolicy: { mode: 'ONLINE_ONLY' },
      },
      backOffice,
    );
    upToBill = await hub.call(
      'offers-create',
      {
        ...base,
        name: 'Small bills offline',
        codeGeneration: { method: 'COMMON', code: 'SMALL1' },
        redemption: { allowAnyone: true, moreThanOnce: true },
        offlinePolicy: { mode: 'UP_TO_BILL', maxBill: '500.00' },
      },
      backOffice,
    );
    await hub.call('customers-create', { userId: '7000', registeredAt: inDays(-10) }, backOffice);
    for (const o of [escrow, onlineOnly, upToBill]) {
      await hub.call('coupons-issue', { id: o.id, customer: { userId: '7000' } }, backOffice);
    }
    t3 = await startTill(hub, 'T3');
    await t3.client.syncNow();
  }, 120_000);

  afterAll(async () => {
    await t3?.db.close();
    await hub?.db.close();
  });

  const redeem = (code: string, billAmount = '1000') =>
    t3.as(cashierAt('S2'))('redemptions-redeem', { code, billAmount, storeId: 'S2', tillId: 'T3' });
  const atHub = (code: string) =>
    hub.call(
      'redemptions-redeem',
      { code, billAmount: '1000', storeId: 'S2', tillId: 'T3' },
      backOffice,
    );

  it('units lent to a till are off limits to online redemptions at the hub', async () => {
    const health = await t3.as(cashierAt('S2'))('sync-health', {});
    expect(health.leases).toEqual([expect.objectContaining({ offerId: escrow.id, granted: 4 })]);
    expect(reasonCodesOf(await rejection(atHub('FOUR4')))).toContain('SERIES_LIMIT_REACHED');
    // The till spends one offline; switching the offer off for S2 makes it give the rest back.
    t3.link.cut = true;
    await redeem('FOUR4');
    t3.link.cut = false;
    await hub.call('offers-set-sync', { id: escrow.id, enabled: false, scope: [] }, backOffice);
    await t3.client.syncNow();
    await t3.client.syncNow();
    const book = await hub.sql.query<{ redeemed_count: number; leased_outstanding: number }>(
      'SELECT redeemed_count, leased_outstanding FROM offers WHERE id = $1',
      [escrow.id],
    );
    expect(book[0]).toEqual({ redeemed_count: 1, leased_outstanding: 0 });
    const leases = await hub.sql.query<{ status: string; granted: number; used: number }>(
      'SELECT status, granted, used FROM sync_leases WHERE offer_id = $1',
      [escrow.id],
    );
    expect(leases).toEqual([{ status: 'RETURNED', granted: 4, used: 1 }]);
    // Now the hub may use what came back.
    await atHub('FOUR4');
    await atHub('FOUR4');
    await atHub('FOUR4');
    expect(reasonCodesOf(await rejection(atHub('FOUR4')))).toContain('SERIES_LIMIT_REACHED');
  });

  it('offline policy: ONLINE_ONLY refuses offline, UP_TO_BILL caps the bill offline', async () => {
    t3.link.cut = true;
    await t3.client.syncNow();
    const refused = await rejection(redeem('ONLINE1'));
    expect(reasonCodesOf(refused)).toEqual(['OFFLINE_NOT_ALLOWED']);
    expect(refused.message).toContain('only be redeemed online');
    expect(reasonCodesOf(await rejection(redeem('SMALL1', '900')))).toEqual([
      'OFFLINE_NOT_ALLOWED',
    ]);
    const small = await redeem('SMALL1', '400');
    expect(small.redemption.discount).toBe('10.00');
    // Nothing refused left a trace: one fact, for the one redemption made.
    const outbox = await t3.sql.query<{ kind: string }>('SELECT kind FROM till_outbox');
    expect(outbox).toEqual([{ kind: 'REDEMPTION' }]);
    t3.link.cut = false;
    await t3.client.syncNow();
    expect(await t3.sql.query('SELECT * FROM till_outbox')).toEqual([]);
    // Online, the policy does not apply: the hub decides.
    const online = await redeem('ONLINE1');
    expect(online.redemption.offerId).toBe(onlineOnly.id);
  });

  it('hub health lists the registered tills; reconciliation is served only by the hub', async () => {
    const health = await hub.call('sync-health', {}, backOffice);
    expect(health.host).toBe('hub');
    expect(health.tills).toEqual([
      expect.objectContaining({ tillId: 'T3', storeId: 'S2', ackedSeq: 2 }),
    ]);
    const e = await rejection(t3.as(backOffice)('reconciliation-list', {}));
    expect(e.code).toBe('UNAVAILABLE');
  });
});
