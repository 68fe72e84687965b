import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import { timed } from '../measure';
import { result, type BenchResult, type BenchSuite } from '../types';
import { openBenchPglite, openBenchPostgres, type BenchDb } from '../workers/databases';
import {
  benchDispatch,
  call,
  copyCustomers,
  copyIssuedCoupons,
  createOffer,
  issuanceCsv,
  seedOrg,
  type CodeMethod,
} from '../workers/seed';
import { cpuSecondsSince, note, r3 } from '../workers/stats';

/** The seed's figure: 30 M coupons in 3 hours. */
const SEED_RATE = 30_000_000 / (3 * 3600);
const BUDGET = 100_000;
const FULL = 1_000_000;

type Measured = {
  method: CodeMethod;
  count: number;
  ok: number;
  seconds: number;
  cpuSeconds: number;
  serverCpuSeconds: number | null;
  distinctCodes: number;
};

/**
 * One CUSTOMERS upload of `count` rows through the real path: uploads-create over the
 * dispatcher (stores the file, answers at once), the background job (papaparse in chunks,
 * 5,000-row batches: customers by one indexed statement, the issuance rules, codes drawn for
 * the batch, COPY; on PostgreSQL batch N+1's cells and customers are read while batch N
 * commits), timed until the job is idle.
 */
async function issueAll(db: BenchDb, method: CodeMethod, count: number): Promise<Measured> {
  const dispatch = benchDispatch(db.sql, 'hub');
  const offer = await createOffer(dispatch, method, `Bench ${method} ${db.dialect}`);
  const { csv } = issuanceCsv(count);
  const serverBefore = db.serverCpuSeconds();
  const cpuBefore = process.cpuUsage();
  const { value: upload, seconds } = await timed(async () => {
    const accepted = await call(dispatch, 'uploads-create', {
      id: offer.id,
      kind: 'CUSTOMERS',
      fileName: 'bench.csv',
      csv,
    });
    await whenUploadsIdle(db.sql);
    return call(dispatch, 'uploads-get', { id: accepted.id });
  });
  const cpuSeconds = cpuSecondsSince(cpuBefore);
  const serverAfter = db.serverCpuSeconds();
  if (upload.status !== 'DONE' || upload.okRows !== count) {
    throw new Error(
      `${method} upload on ${db.dialect}: ${upload.status}, ${upload.okRows}/${count} rows: ${upload.message}`,
    );
  }
  const distinct = await db.sql.query<{ n: unknown }>(
    'SELECT count(DISTINCT code) AS n FROM coupons WHERE offer_id = $1 AND customer_id IS NOT NULL',
    [offer.id],
  );
  return {
    method,
    count,
    ok: upload.okRows,
    seconds,
    cpuSeconds,
    serverCpuSeconds:
      serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    distinctCodes: Number(distinct[0]?.n ?? 0),
  };
}

async function onStore(db: BenchDb, count: number): Promise<BenchResult[]> {
  await seedOrg(benchDispatch(db.sql, 'hub'));
  const customers = await timed(() => copyCustomers(db.sql, count, true));
  const customerIds = customers.value;
  note(
    'issuance',
    `${db.dialect}: ${count} customers by COPY in ${customers.seconds.toFixed(1)} s`,
  );
  // The floor: the same number of issued coupons COPYed straight into the table (indexes,
  // foreign keys and triggers included; no parsing, rules or code drawing).
  const floorOffer = await createOffer(
    benchDispatch(db.sql, 'hub'),
    'UNIQUE_AUTO',
    `Floor ${db.dialect}`,
  );
  const floorCpu = process.cpuUsage();
  const floorServer = db.serverCpuSeconds();
  const floor = await timed(() => copyIssuedCoupons(db.sql, floorOffer.id, customerIds, count));
  const floorRate = count / floor.seconds;
  const floorCpuSeconds =
    cpuSecondsSince(floorCpu) + ((db.serverCpuSeconds() ?? 0) - (floorServer ?? 0));
  note(
    'issuance',
    `${db.dialect}: COPY floor ${count} coupons in ${floor.seconds.toFixed(1)} s (${Math.round(floorRate)}/s)`,
  );
  const out: BenchResult[] = [
    result({
      metric: `issuance.${db.dialect}.copyFloor.couponsPerSecond`,
      value: floorRate,
      unit: 'coupons/s',
      peer: 'seed (30 M in 3 h)',
      peerValue: SEED_RATE,
      detail: {
        count,
        seconds: r3(floor.seconds),
        cpuSeconds: r3(floorCpuSeconds),
        couponsPerCpuSecond: Math.round(count / floorCpuSeconds),
        what: 'pre-made unique codes COPYed into coupons: the database-side floor of any issuance',
        store: db.describe,
      },
    }),
  ];
  for (const method of ['UNIQUE_AUTO', 'RANDOMIZED_COMMON'] as const) {
    const m = await issueAll(db, method, count);
    const rate = m.ok / m.seconds;
    const totalCpu = m.cpuSeconds + (m.serverCpuSeconds ?? 0);
    note(
      'issuance',
      `${db.dialect} ${method}: ${m.ok} coupons in ${m.seconds.toFixed(1)} s (${Math.round(rate)}/s; node CPU ${m.cpuSeconds.toFixed(1)} s, server CPU ${m.serverCpuSeconds?.toFixed(1) ?? '?'} s)`,
    );
    const name = method === 'UNIQUE_AUTO' ? 'unique10' : 'randomized';
    out.push(
      result({
        metric: `issuance.${db.dialect}.${name}.couponsPerSecond`,
        value: rate,
        unit: 'coupons/s',
        // The budget (docs/architecture.md, "Performance budgets") is for the hub on a
        // PostgreSQL server; PGlite is for reference.
        ...(db.dialect === 'postgres' ? { budget: BUDGET } : {}),
        peer: 'seed (30 M in 3 h)',
        peerValue: SEED_RATE,
        detail: {
          count: m.count,
          okRows: m.ok,
          distinctCodes: m.distinctCodes,
          seconds: r3(m.seconds),
          nodeCpuSeconds: r3(m.cpuSeconds),
          serverCpuSeconds: m.serverCpuSeconds === null ? null : r3(m.serverCpuSeconds),
          couponsPerCpuSecond: Math.round(m.ok / totalCpu),
          nodeCpuUsPerRow: r3((m.cpuSeconds * 1e6) / m.count),
          serverCpuUsPerRow:
            m.serverCpuSeconds === null ? null : r3((m.serverCpuSeconds * 1e6) / m.count),
          extrapolated30MMinutes: r3(30_000_000 / rate / 60),
          extrapolated30MMinutesAtCpuRate: r3(30_000_000 / (m.ok / totalCpu) / 60),
          customersCopyPerSecond: Math.round(count / customers.seconds),
          path: 'uploads-create (dispatcher) → background upload job → COPY, 5,000-row batches (PGlite: 1,000), pipelined one deep on PostgreSQL',
          store: db.describe,
        },
      }),
    );
  }
  return out;
}

export const suite: BenchSuite = {
  name: 'issuance',
  description:
    'bulk CUSTOMERS upload into the hub: unique 10-char and randomized codes, PostgreSQL and PGlite',
  async run(scale) {
    const count = Math.max(10_000, Math.round(FULL * scale));
    const results: BenchResult[] = [];
    const pgDb = await openBenchPostgres('issuance');
    try {
      results.push(...(await onStore(pgDb, count)));
    } finally {
      await pgDb.close();
    }
    const liteDb = await openBenchPglite();
    try {
      results.push(...(await onStore(liteDb, count)));
    } finally {
      await liteDb.close();
    }
    return results;
  },
};
