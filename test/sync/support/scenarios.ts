/**
 * The multi-process sync scenarios (docs/sync.md, "Tests"), run once per hub backend: one hub
 * and three tills as separate processes, a fault-injecting proxy between each till and the
 * hub. Processes start once and are shared by the scenarios, which run in order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import { openPglite } from '#server/platform/db/pglite-port';
import { migrate } from '#shared/sql/migrate';
import { migrations } from '#shared/sql/migrations/index';
import {
  freshPostgres,
  pgliteTemplate,
  postgresAvailable,
  sharedPgliteAssets,
} from '../../helpers/db';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';
import {
  ADMIN,
  CASHIER,
  seedHub,
  signIn,
  spawnCli,
  TILLS,
  waitFor,
  type HubSeed,
  type Proc,
} from './processes';

type Backend = 'pglite' | 'postgres';
type TillProc = { id: string; dir: string; proc: Proc; api: ApiClient; proxy: FaultProxy };

// The hub deadline is generous here: 60 concurrent redemptions on a shared 2-core machine can
// take seconds, and a till that gives up would (correctly) serve offline, blurring the race.
const TILL_FLAGS = ['--sync-interval', '300', '--hub-timeout', '10000', '--push-batch', '20'];

const reasonsOf = (e: unknown): string[] =>
  e instanceof ApiError
    ? ((e.details as { reasons?: { code: string }[] } | null)?.reasons ?? []).map((r) => r.code)
    : [];

export function multiProcessSuite(backend: Backend): void {
  describe.skipIf(backend === 'postgres' && !postgresAvailable())(
    `sync across processes [hub on ${backend}]`,
    () => {
      let work: string;
      let seed: HubSeed;
      let hubArgs: string[];
      let hub: Proc;
      let hubPort: number;
      let admin: ApiClient;
      let dropDb: (() => Promise<void>) | null = null;
      const tills: TillProc[] = [];

      const startTillProc = async (
        id: string,
        dir: string,
        proxy: FaultProxy,
        enrol: boolean,
      ): Promise<Proc> =>
        spawnCli([
          'till',
          '--data',
          dir,
          '--port',
          '0',
          '--hub',
          proxy.url,
          ...(enrol ? ['--enrol', seed.enrolment[id] as string] : []),
          ...TILL_FLAGS,
        ]);
      const health = (t: TillProc) => t.api.send('sync-health', {});
      const settled = (t: TillProc) =>
        waitFor(`${t.id} to push everything and catch up`, async () => {
          const h = await health(t);
          return h.online && h.pendingFacts === 0 && h.lag === 0;
        });
      const redeem = (t: TillProc, code: string) =>
        t.api.send('redemptions-redeem', { code, billAmount: '500', storeId: 'S1', tillId: t.id });
      const hubRedemptions = async (offerId: string, tillId?: string) =>
        (
          await admin.send('redemptions-list', {
            offerId,
            ...(tillId ? { tillId } : {}),
            limit: 500,
          })
        ).items;

      beforeAll(async () => {
        work = await mkdtemp(join(tmpdir(), `cf-sync-${backend}-`));
        if (backend === 'pglite') {
          const dir = join(work, 'hub');
          const db = await openPglite({
            dataDir: dir,
            loadDataDir: await pgliteTemplate(),
            assets: await sharedPgliteAssets(),
          });
          await migrate(db, migrations);
          seed = await seedHub(db);
          await db.close();
          hubArgs = ['hub', '--data', dir];
        } else {
          const db = await freshPostgres({ max: 2 });
          seed = await seedHub(db.sql);
          await db.db.close();
          dropDb = () => db.close();
          hubArgs = ['hub', '--database-url', db.url];
        }
        hub = await spawnCli([...hubArgs, '--port', '0']);
        hubPort = Number(new URL(hub.url).port);
        admin = await signIn(hub.url, ADMIN);
        await Promise.all(
          TILLS.map(async (id) => {
            const proxy = await startFaultProxy(hub.url);
            const dir = join(work, id);
            const proc = await startTillProc(id, dir, proxy, true);
            tills.push({ id, dir, proc, proxy, api: await signIn(proc.url, CASHIER) });
          }),
        );
        tills.sort((a, b) => a.id.localeCompare(b.id));
        // Every till online, caught up, and holding its share of the capped offer.
        for (const t of tills) {
          await waitFor(`${t.id} to hold offline allowance`, async () => {
            const h = await health(t);
            return (
              h.online &&
              h.lag === 0 &&
              h.leases.some((l) => l.offerId === seed.cappedOfferId && l.remaining > 0)
            );
          });
        }
      }, 240_000);

      afterAll(async () => {
        for (const t of tills) {
          await t.proc.kill('SIGTERM');
          await t.proxy.close();
        }
        await hub?.kill('SIGTERM');
        await dropDb?.();
        if (work) await rm(work, { recursive: true, force: true });
      }, 60_000);

      it('(a) online race: 3 tills × 20 concurrent redeems of a single-use code → exactly one wins', async () => {
        const code = seed.raceCodes[0] as string;
        for (const t of tills)
          t.proxy.faults = { cut: false, delayMs: 20, duplicate: true, dropResponse: false };
        const attempts = tills.flatMap((t) => Array.from({ length: 20 }, () => redeem(t, code)));
        const outcomes = await Promise.allSettled(attempts);
        for (const t of tills)
          t.proxy.faults = { cut: false, delayMs: 0, duplicate: false, dropResponse: false };
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect(reasonsOf(o.reason)).toContain('CODE_LIMIT_REACHED');
        }
        const ledger = (await hubRedemptions(seed.raceOfferId)).filter((r) => r.code === code);
        expect(ledger).toHaveLength(1);
        expect(ledger[0]?.classification ?? 'accepted').toBe('accepted');
      }, 120_000);

      it('(b) two tills offline redeem one single-use code → both recorded, one duplicate_code item', async () => {
        const code = seed.raceCodes[1] as string;
        const [t1, t2] = tills as [TillProc, TillProc];
        t1.proxy.faults.cut = true;
        t2.proxy.faults.cut = true;
        const a = await redeem(t1, code);
        const b = await redeem(t2, code);
        expect(a.redemption.id).not.toBe(b.redemption.id);
        t1.proxy.faults.cut = false;
        t2.proxy.faults.cut = false;
        await settled(t1);
        await settled(t2);
        const ledger = (await hubRedemptions(seed.raceOfferId)).filter((r) => r.code === code);
        expect(ledger.map((r) => r.id).sort()).toEqual([a.redemption.id, b.redemption.id].sort());
        expect(ledger.map((r) => r.classification).sort()).toEqual(['accepted', 'duplicate_code']);
        const items = await admin.send('reconciliation-list', {
          offerId: seed.raceOfferId,
          classification: 'duplicate_code',
        });
        expect(items.items.filter((i) => i.code === code)).toHaveLength(1);
      }, 120_000);

      it('(c) series limit 100, three offline tills, 150 attempts → at most 100 redeemed, no overdraft', async () => {
        for (const t of tills) t.proxy.faults.cut = true;
        const perTill = await Promise.all(
          tills.map(async (t) => {
            let ok = 0;
            const refused: string[] = [];
            for (let i = 0; i < 50; i += 1) {
              try {
                await redeem(t, 'CAP100');
                ok += 1;
              } catch (error) {
                refused.push(...reasonsOf(error));
              }
            }
            return { ok, refused };
          }),
        );
        const total = perTill.reduce((s, p) => s + p.ok, 0);
        expect(total).toBeGreaterThan(0);
        expect(total).toBeLessThanOrEqual(100);
        for (const p of perTill)
          expect(new Set(p.refused)).toEqual(
            new Set(p.ok < 50 ? ['OFFLINE_ALLOWANCE_USED_UP'] : []),
          );
        for (const t of tills) t.proxy.faults.cut = false;
        for (const t of tills) await settled(t);
        const ledger = await hubRedemptions(seed.cappedOfferId);
        expect(ledger).toHaveLength(total);
        expect(new Set(ledger.map((r) => r.classification))).toEqual(new Set(['accepted']));
        const items = await admin.send('reconciliation-list', { offerId: seed.cappedOfferId });
        expect(items.total).toBe(0);
        const details = await admin.send('offers-get', { id: seed.cappedOfferId });
        expect(details.stats.redeemedCount).toBe(total);
      }, 180_000);

      it('(d) SIGKILL a till mid-push and the hub mid-batch, pushes duplicated and reordered → ledger = acknowledged facts, once each', async () => {
        const t3 = tills[2] as TillProc;
        t3.proxy.faults.cut = true;
        const acknowledged: string[] = [];
        for (let i = 0; i < 60; i += 1)
          acknowledged.push((await redeem(t3, 'FREEDAY')).redemption.id);

        // 1. The till dies while its first push is on the wire (the hub still gets it).
        let tillKilled = false;
        t3.proxy.onRequest = (r) => {
          if (!tillKilled && r.path.startsWith('/api/v1/sync/push')) {
            tillKilled = true;
            void t3.proc.kill('SIGKILL');
          }
        };
        t3.proxy.faults = { cut: false, delayMs: 150, duplicate: true, dropResponse: false };
        await waitFor('the till to be killed mid-push', async () => tillKilled);
        await t3.proc.exited;
        await waitFor('the in-flight push to finish', async () => t3.proxy.inFlight() === 0);

        // 2. The till comes back; the hub dies while a later batch is being applied.
        let hubKilled = false;
        t3.proxy.onRequest = (r) => {
          if (!hubKilled && r.path.startsWith('/api/v1/sync/push')) {
            hubKilled = true;
            setTimeout(() => void hub.kill('SIGKILL'), 160);
          }
        };
        t3.proc = await startTillProc(t3.id, t3.dir, t3.proxy, false);
        t3.api = await signIn(t3.proc.url, CASHIER);
        await waitFor('the hub to be killed mid-batch', async () => hubKilled);
        await hub.exited;
        t3.proxy.onRequest = null;
        hub = await spawnCli([...hubArgs, '--port', String(hubPort)]);
        admin = await signIn(hub.url, ADMIN);

        // 3. Old pushes arrive again, newest first, after everything else.
        await settled(t3);
        t3.proxy.faults = { cut: false, delayMs: 0, duplicate: false, dropResponse: false };
        const statuses = await t3.proxy.replay('/api/v1/sync/push');
        expect(statuses.length).toBeGreaterThan(3);
        expect(new Set(statuses)).toEqual(new Set([200]));

        const ledger = await hubRedemptions(seed.freeOfferId, 'T3');
        expect(ledger.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
        expect(new Set(ledger.map((r) => r.id)).size).toBe(acknowledged.length);
        for (const t of tills) await settled(t);
      }, 240_000);
    },
  );
}
