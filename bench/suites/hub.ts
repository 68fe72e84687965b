import { loadavg } from 'node:os';
import pg from 'pg';
import { createSession, ensureUser } from '#shared/services/auth/index';
import { result, type BenchResult, type BenchSuite } from '../types';
import { openBenchPostgres } from '../workers/databases';
import { startHubProcess, startServerProcess, type HubProcess } from '../workers/hub-process';
import { postLoad, type LoadResult } from '../workers/http-load';
import { givenPgUrl } from '../workers/pg-server';
import { backendCpu, backendCpuDelta } from '../workers/proc-cpu';
import { seedIssuedOffer, STORE, TILL } from '../workers/seed';
import { note, r3 } from '../workers/stats';

/** Requests per measured run at scale 1 (and codes per redeem run: each code is redeemed once). */
const FULL_REQUESTS = 20_000;
const CONNECTIONS = 50;
/** The hub must serve at least this share of its floor's requests per second. */
const FLOOR_SHARE = 0.5;
const WORKER_COUNTS = [1, 2] as const;
const OPS = ['validate', 'redeem'] as const;
type Op = (typeof OPS)[number];
const PATHS: Record<Op, string> = {
  validate: '/api/v1/redemptions/validate',
  redeem: '/api/v1/redemptions',
};
const FLOOR_WORK: Record<Op, string> = {
  validate: 'SELECT of the coupon by code',
  redeem: 'UPDATE of the coupon by code (autocommit)',
};

type Measured = LoadResult & {
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  load1m: [number, number];
};

const requestBody = (code: string) => ({
  code,
  billAmount: '1000',
  storeId: STORE,
  tillId: TILL,
});

/**
 * `validate` and `redeem` (each code once) over HTTP at concurrency 50 against `counterfoil hub`
 * on PostgreSQL with 1 and 2 processes, each beside its floor in the same run: a minimal Hono
 * handler doing the same indexed look-up / single-row update with the same driver
 * (bench/workers/hub-floor.ts). CPU per request is the server's process tree's and the
 * database backends' (/proc), so a busy machine still compares the two fairly.
 */
export const suite: BenchSuite = {
  name: 'hub',
  description: 'hub validate / redeem over HTTP on PostgreSQL, 1 and 2 processes, vs its floor',
  async run(scale) {
    if (!givenPgUrl()) {
      const reason =
        'no PostgreSQL server given: set COUNTERFOIL_BENCH_PG_URL (or COUNTERFOIL_TEST_PG_URL) to a server whose /proc this machine can read';
      note('hub', `skipped: ${reason}`);
      return [result({ metric: 'hub.skipped', value: 1, unit: 'flag', detail: { reason } })];
    }
    const amount = Math.max(2_000, Math.round(FULL_REQUESTS * scale));
    const warmup = Math.max(500, Math.round(amount / 10));
    // One validate set, reused (reads only); a fresh slice per redeem run, floor's and hub's.
    const redeemRuns = WORKER_COUNTS.length * 2;
    const count = amount * (1 + redeemRuns);
    const db = await openBenchPostgres('hub', 4);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { codes } = await seedIssuedOffer(db.sql, 'Hub bench', count);
      const cashier = await ensureUser(db.sql, {
        username: 'bench-cashier',
        password: 'bench-cashier-password',
        role: 'cashier',
        storeIds: [STORE],
        // A session is made directly below: nobody signs in, so the hash strength is moot.
        iterations: 1_000,
      });
      const { token } = await createSession(db.sql, cashier.userId, new Date());
      const settings = await admin.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings
          WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections')`,
      );
      note('hub', `seeded ${count} coupons; ${amount} requests per run at c=${CONNECTIONS}`);

      const validateCodes = codes.slice(0, amount);
      let redeemSlice = 1;
      const measure = async (server: HubProcess, op: Op): Promise<Measured> => {
        const use =
          op === 'validate'
            ? validateCodes
            : codes.slice(amount * redeemSlice, amount * ++redeemSlice);
        const load1 = loadavg()[0] ?? 0;
        const pg0 = await backendCpu(admin);
        const cpu0 = server.cpuSeconds();
        const load = await postLoad({
          url: server.url,
          path: PATHS[op],
          token,
          connections: CONNECTIONS,
          amount,
          bodyOf: (i) => requestBody(use[i % use.length] as string),
        });
        const serverCpu = server.cpuSeconds() - cpu0;
        const pgCpu = backendCpuDelta(pg0, await backendCpu(admin));
        if (load.non2xx + load.errors > 0)
          throw new Error(`${op} at ${server.url}: ${load.non2xx} non-2xx, ${load.errors} errors`);
        return {
          ...load,
          serverCpuMsPerRequest: (serverCpu * 1000) / load.requests,
          postgresCpuMsPerRequest: (pgCpu * 1000) / load.requests,
          load1m: [r3(load1), r3(loadavg()[0] ?? 0)],
        };
      };
      const warm = (server: HubProcess) =>
        postLoad({
          url: server.url,
          path: PATHS.validate,
          token,
          connections: CONNECTIONS,
          amount: warmup,
          bodyOf: (i) => requestBody(validateCodes[i % validateCodes.length] as string),
        });
      const runAll = async (server: HubProcess): Promise<Record<Op, Measured>> => {
        try {
          await warm(server);
          return {
            validate: await measure(server, 'validate'),
            redeem: await measure(server, 'redeem'),
          };
        } catch (error) {
          note('hub', `server output:\n${server.output().slice(-3000)}`);
          throw error;
        } finally {
          await server.stop();
        }
      };

      const results: BenchResult[] = [];
      for (const workers of WORKER_COUNTS) {
        const floor = await runAll(
          await startServerProcess([
            '--import',
            'tsx',
            'bench/workers/hub-floor.ts',
            db.url,
            String(workers),
          ]),
        );
        const hub = await runAll(await startHubProcess(db.url, { workers }));
        const redeemed = await admin.query<{ n: string }>('SELECT count(*) AS n FROM redemptions');
        note('hub', `${workers} process(es): ${JSON.stringify({ hub, floor })}`);
        for (const op of OPS) {
          results.push(...opResults(op, workers, hub[op], floor[op], Number(redeemed.rows[0]?.n)));
        }
      }
      const server = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
      for (const r of results) r.detail = { ...r.detail, postgres: { ...db.describe, ...server } };
      return results;
    } finally {
      await admin.end().catch(() => undefined);
      await db.close();
    }
  },
};

const latency = (m: Measured) => ({
  p50Ms: m.p50Ms,
  p99Ms: m.p99Ms,
  maxMs: m.maxMs,
  requests: m.requests,
  seconds: m.seconds,
  serverCpuMsPerRequest: r3(m.serverCpuMsPerRequest),
  postgresCpuMsPerRequest: r3(m.postgresCpuMsPerRequest),
  load1m: m.load1m,
});

function opResults(
  op: Op,
  workers: number,
  hub: Measured,
  floor: Measured,
  redemptions: number,
): BenchResult[] {
  const peer = `floor: Hono + pg, one ${FLOOR_WORK[op]}`;
  const detail = {
    connections: CONNECTIONS,
    workers,
    hub: latency(hub),
    floor: latency(floor),
    ...(op === 'redeem' ? { redemptionsInLedger: redemptions } : {}),
  };
  return [
    result({
      metric: `hub.${op}.workers${workers}.requestsPerSecond`,
      value: hub.requestsPerSecond,
      unit: 'req/s',
      peer,
      peerValue: floor.requestsPerSecond,
      // Budget: FLOOR_SHARE of the floor measured in this run.
      budget: Math.round(floor.requestsPerSecond * FLOOR_SHARE),
      better: 'higher',
      detail,
    }),
    result({
      metric: `hub.${op}.workers${workers}.cpuMsPerRequest`,
      value: hub.serverCpuMsPerRequest + hub.postgresCpuMsPerRequest,
      unit: 'ms',
      peer,
      peerValue: floor.serverCpuMsPerRequest + floor.postgresCpuMsPerRequest,
      better: 'lower',
      detail: {
        hub: { server: r3(hub.serverCpuMsPerRequest), postgres: r3(hub.postgresCpuMsPerRequest) },
        floor: {
          server: r3(floor.serverCpuMsPerRequest),
          postgres: r3(floor.postgresCpuMsPerRequest),
        },
      },
    }),
  ];
}
