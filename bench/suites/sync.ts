import { SyncClient } from '#main/backend/sync/sync-client';
import { createHubClient } from '#main/backend/sync/hub-link';
import type { ApiClient } from '#shared/api/client';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { createEnrolment } from '#shared/services/sync/hub/devices';
import { outboxRecorder } from '#shared/services/sync/till/outbox';
import { bindHub } from '#shared/services/sync/till/state';
import { result, type BenchResult, type BenchSuite } from '../types';
import { openBenchPglite, openBenchPostgres } from '../workers/databases';
import { startHubProcess } from '../workers/hub-process';
import { benchDispatch, seedIssuedOffer, STORE, system, TILL } from '../workers/seed';
import { cpuSecondsSince, msSince, note, percentiles, r3 } from '../workers/stats';

const FULL_COUPONS = 1_000_000;
const FULL_FACTS = 10_000;
// docs/architecture.md, "Performance budgets" (issue 15 tightened it from 30 s).
const PULL_BUDGET_S = 20;
const PUSH_BUDGET_S = 3;
/** One fact in this many is a code the hub saw redeemed elsewhere first (duplicate_code). */
const DUPLICATE_EVERY = 20;

const cashier: Principal = {
  kind: 'user',
  userId: 'u-cashier',
  username: 'cashier',
  role: 'cashier',
  storeIds: [STORE],
};

/** Wraps the hub client to time every call by operation. */
function timedClient(inner: ApiClient): ApiClient & { calls: Map<string, number[]> } {
  const calls = new Map<string, number[]>();
  return {
    calls,
    async send<K extends OperationName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
      const started = process.hrtime.bigint();
      try {
        return await inner.send(name, input);
      } finally {
        const list = calls.get(name) ?? [];
        list.push(msSince(started));
        calls.set(name, list);
      }
    },
  };
}

const callStats = (ms: number[] | undefined) => {
  const p = percentiles(ms ?? []);
  const totalMs = (ms ?? []).reduce((a, b) => a + b, 0);
  return {
    calls: p.count,
    p50Ms: r3(p.p50),
    p99Ms: r3(p.p99),
    maxMs: r3(p.max),
    // The till fetches the next page while it applies one, so these overlap the applying.
    totalSeconds: r3(totalMs / 1000),
  };
};

/**
 * A hub on PostgreSQL in its own process (`counterfoil hub`) holding `count` coupons of one
 * offer synced to every till, each issued to its own customer; a till (on-disk PGlite in this
 * process, the real SyncClient over HTTP) registers with an enrolment code and pulls from
 * cursor 0 until caught up. Then the till redeems `facts` coupons offline and pushes them; the
 * hub applies and classifies them (some were redeemed at the hub first: duplicate_code).
 */
export const suite: BenchSuite = {
  name: 'sync',
  description: 'first pull of 1 M coupons to a till; push and classify 10 k offline facts',
  async run(scale) {
    const count = Math.max(10_000, Math.round(FULL_COUPONS * scale));
    const factCount = Math.max(1_000, Math.round(FULL_FACTS * Math.min(1, scale * 10)));
    const hubDb = await openBenchPostgres('sync');
    let hub: Awaited<ReturnType<typeof startHubProcess>> | null = null;
    const till = await openBenchPglite();
    try {
      const hubDispatch = benchDispatch(hubDb.sql, 'hub');
      const { offer, codes } = await seedIssuedOffer(hubDb.sql, 'Sync bench', count);
      note('sync', `hub seeded with ${count} coupons and ${count} customers`);
      hub = await startHubProcess(hubDb.url);

      const enrolment = await createEnrolment(
        hubDb.sql,
        { tillId: TILL, storeId: STORE, ttlHours: 1 },
        system,
        new Date(),
      );
      const registered = await createHubClient(hub.url, undefined, 30_000).send('sync-register', {
        enrolmentCode: enrolment.code,
      });
      await bindHub(till.sql, { hubUrl: hub.url, ...registered });
      // A generous deadline: the bench wants each page's time, not a timeout (see detail).
      const link = timedClient(createHubClient(hub.url, registered.token, 600_000));
      const client = new SyncClient({ sql: till.sql, hub: link, intervalMs: 3_600_000 });

      // First pull.
      const pullCpu = process.cpuUsage();
      const hubCpu0 = hub.cpuSeconds();
      const pgCpu0 = hubDb.serverCpuSeconds();
      const pullStarted = process.hrtime.bigint();
      await client.pullAll(100_000);
      const pullSeconds = msSince(pullStarted) / 1000;
      const pullTillCpu = cpuSecondsSince(pullCpu);
      const pullHubCpu = hub.cpuSeconds() - hubCpu0;
      const pullPgCpu = (hubDb.serverCpuSeconds() ?? 0) - (pgCpu0 ?? 0);
      const pulled = await till.sql.query<{ coupons: unknown; customers: unknown }>(
        `SELECT (SELECT count(*) FROM coupons WHERE offer_id = $1) AS coupons,
                (SELECT count(*) FROM customers) AS customers`,
        [offer.id],
      );
      const tillCoupons = Number(pulled[0]?.coupons);
      if (tillCoupons !== count)
        throw new Error(
          `the till has ${tillCoupons} coupons after the first pull, expected ${count}`,
        );
      const pulls = callStats(link.calls.get('sync-pull'));
      note(
        'sync',
        `first pull: ${count} coupons in ${pullSeconds.toFixed(1)} s over ${pulls.calls} pages (page p99 ${pulls.p99Ms} ms)`,
      );

      // Offline facts: redeemed at the till (local dispatcher, outbox), some first at the hub.
      const tillDispatch = benchDispatch(till.sql, 'till', { recordFact: outboxRecorder() });
      const request = (code: string) => ({
        code,
        billAmount: '1000',
        storeId: STORE,
        tillId: TILL,
      });
      const factCodes = codes.slice(0, factCount);
      let duplicates = 0;
      for (let i = 0; i < factCodes.length; i += DUPLICATE_EVERY) {
        await hubDispatch(
          'redemptions-redeem',
          { ...request(factCodes[i] as string), tillId: 'T2' },
          cashier,
        );
        duplicates++;
      }
      const madeStarted = process.hrtime.bigint();
      for (const code of factCodes)
        await tillDispatch('redemptions-redeem', request(code), cashier);
      const madeSeconds = msSince(madeStarted) / 1000;
      const pushCpu = process.cpuUsage();
      const hubCpu1 = hub.cpuSeconds();
      const pgCpu1 = hubDb.serverCpuSeconds();
      const pushStarted = process.hrtime.bigint();
      await client.pushAll();
      const pushSeconds = msSince(pushStarted) / 1000;
      const pushTillCpu = cpuSecondsSince(pushCpu);
      const pushHubCpu = hub.cpuSeconds() - hubCpu1;
      const pushPgCpu = (hubDb.serverCpuSeconds() ?? 0) - (pgCpu1 ?? 0);
      const classified = await hubDb.sql.query<{ classification: string | null; n: unknown }>(
        `SELECT classification, count(*) AS n FROM redemptions WHERE till_id = $1 GROUP BY 1`,
        [TILL],
      );
      const byClass = Object.fromEntries(
        classified.map((c) => [c.classification ?? 'null', Number(c.n)]),
      );
      const left = await till.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM till_outbox');
      if (
        byClass['accepted'] !== factCount - duplicates ||
        byClass['duplicate_code'] !== duplicates ||
        Number(left[0]?.n) !== 0
      ) {
        throw new Error(
          `push classified ${JSON.stringify(byClass)}, ${String(left[0]?.n)} facts left in the outbox`,
        );
      }
      const pushes = callStats(link.calls.get('sync-push'));
      note(
        'sync',
        `push: ${factCount} facts in ${pushSeconds.toFixed(2)} s over ${pushes.calls} batches (${JSON.stringify(byClass)})`,
      );

      const hubSide = {
        ...hubDb.describe,
        hub: 'counterfoil hub (child process, HTTP on loopback)',
      };
      const results: BenchResult[] = [
        result({
          metric: 'sync.firstPull.seconds',
          value: pullSeconds,
          unit: 's',
          better: 'lower',
          budget: PULL_BUDGET_S,
          detail: {
            coupons: tillCoupons,
            customers: Number(pulled[0]?.customers),
            couponsPerSecond: Math.round(count / pullSeconds),
            pages: pulls,
            // A first pull asks for the most the hub serves per page (SyncClient bulkPullLimit).
            pageRows: 20_000,
            tillCpuSeconds: r3(pullTillCpu),
            hubCpuSeconds: r3(pullHubCpu),
            postgresCpuSeconds: r3(pullPgCpu),
            tillStore: till.describe,
            hubStore: hubSide,
            note: 'a till on the default 1,500 ms hub deadline aborts any page slower than that',
          },
        }),
        result({
          metric: 'sync.push.seconds',
          value: pushSeconds,
          unit: 's',
          better: 'lower',
          budget: PUSH_BUDGET_S,
          detail: {
            facts: factCount,
            classified: byClass,
            factsPerSecond: Math.round(factCount / pushSeconds),
            batches: pushes,
            tillCpuSeconds: r3(pushTillCpu),
            hubCpuSeconds: r3(pushHubCpu),
            postgresCpuSeconds: r3(pushPgCpu),
            offlineRedeemsSeconds: r3(madeSeconds),
            hubStore: hubSide,
          },
        }),
      ];
      return results;
    } catch (error) {
      if (hub) note('sync', `hub output:\n${hub.output().slice(-4000)}`);
      throw error;
    } finally {
      await hub?.stop().catch(() => undefined);
      await till.close();
      await hubDb.close();
    }
  },
};
