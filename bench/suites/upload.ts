import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { result, type BenchResult, type BenchSuite } from '../types';
import { openBenchPglite, openBenchPostgres, type BenchDb } from '../workers/databases';
import {
  benchDispatch,
  copyCustomers,
  createOffer,
  seedOrg,
  UPLOAD_POLL_MS as POLL_MS,
} from '../workers/seed';
import { note, r3 } from '../workers/stats';

const FULL = 1_000_000;
const BUDGET_SECONDS = 15;
const BUDGET_RSS_MB = 400;
/** V8 old-space limit for the capped-heap run, MiB. */
const CAPPED_HEAP_MB = 256;

type Run = {
  seconds: number;
  cpuSeconds: number;
  acceptedMs: number;
  baselineMB: number;
  peakMB: number;
  heapPeakMB: number;
  externalPeakMB: number;
  progress: number;
  polls: number;
  badRows: number;
  status: string;
  message: string | null;
  okRows: number;
  errorRows: number;
  issueLines: number;
  issueKB: number;
};

const worker = fileURLToPath(new URL('../workers/upload-run.ts', import.meta.url));

/** The upload itself, in a fresh process (bench/workers/upload-run.ts). */
async function runUpload(
  target: string,
  offerId: string,
  count: number,
  nodeArgs: readonly string[] = [],
): Promise<Run> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      // BENCH_UPLOAD_NODE_ARGS="--max-old-space-size=256": try the upload under other V8 limits.
      ...(process.env['BENCH_UPLOAD_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      ...nodeArgs,
      '--import',
      'tsx',
      worker,
      target,
      offerId,
      String(count),
    ],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Run;
}

/**
 * A 1 M-row CUSTOMERS issuance file with bad rows of three kinds (a user id with letters, a
 * customer that does not exist, an issuedAt in the future), from uploads-create until the issues
 * file is in hand (uploads-issues), polling uploads-get meanwhile like the UI does. The time
 * includes issuing every good row's coupon (unique 10-character codes). The set-up (org,
 * customers, offer) is done here; the upload runs in a fresh process so its RSS is its own.
 */
async function uploadOn(
  db: BenchDb,
  count: number,
  target: string,
  beforeRun: () => Promise<void>,
): Promise<BenchResult[]> {
  const dispatch = benchDispatch(db.sql, 'hub');
  await seedOrg(dispatch);
  await copyCustomers(db.sql, count);
  const offer = await createOffer(dispatch, 'UNIQUE_AUTO', `Upload bench ${db.dialect}`);
  await beforeRun();
  const serverBefore = db.serverCpuSeconds();
  const run = await runUpload(target, offer.id, count);
  const serverAfter = db.serverCpuSeconds();
  if (run.status !== 'DONE' || run.errorRows !== run.badRows || run.issueLines !== run.badRows) {
    throw new Error(
      `upload on ${db.dialect}: ${run.status}, ${run.errorRows} error rows and ${run.issueLines} issue lines, expected ${run.badRows}: ${run.message}`,
    );
  }
  note(
    'upload',
    `${db.dialect}: ${count} rows (${run.badRows} bad) in ${run.seconds.toFixed(1)} s, peak RSS ${Math.round(run.peakMB)} MiB (from ${Math.round(run.baselineMB)}; JS heap peak ${Math.round(run.heapPeakMB)}, buffers ${Math.round(run.externalPeakMB)}), ${run.progress} progress values over ${run.polls} polls`,
  );
  const detail = {
    count,
    okRows: run.okRows,
    badRows: run.badRows,
    issueFileLines: run.issueLines,
    issueFileKB: Math.round(run.issueKB),
    acceptedMs: r3(run.acceptedMs),
    cpuSeconds: r3(run.cpuSeconds),
    serverCpuSeconds:
      serverBefore === null || serverAfter === null ? null : r3(serverAfter - serverBefore),
    rowsPerSecond: Math.round(count / run.seconds),
    nodeCpuUsPerRow: r3((run.cpuSeconds * 1e6) / count),
    serverCpuUsPerRow:
      serverBefore === null || serverAfter === null
        ? null
        : r3(((serverAfter - serverBefore) * 1e6) / count),
    progressUpdatesSeen: run.progress,
    polls: run.polls,
    pollMs: POLL_MS,
    store: db.describe,
  };
  const onPostgres = db.dialect === 'postgres';
  const capped: BenchResult[] = [];
  if (onPostgres) {
    // The same upload (a second offer) in a process whose V8 heap is capped: the live set is
    // far below the default-limit peak, which is mostly garbage V8 has not collected yet.
    const second = await createOffer(dispatch, 'UNIQUE_AUTO', 'Upload bench capped heap');
    const c = await runUpload(target, second.id, count, [`--max-old-space-size=${CAPPED_HEAP_MB}`]);
    if (c.status !== 'DONE' || c.errorRows !== c.badRows) {
      throw new Error(`capped-heap upload: ${c.status}, ${c.errorRows} error rows: ${c.message}`);
    }
    note(
      'upload',
      `${db.dialect} with --max-old-space-size=${CAPPED_HEAP_MB}: ${c.seconds.toFixed(1)} s, peak RSS ${Math.round(c.peakMB)} MiB (JS heap peak ${Math.round(c.heapPeakMB)})`,
    );
    capped.push(
      result({
        metric: 'upload.postgres.cappedHeap.peakRssMB',
        value: c.peakMB,
        unit: 'MiB',
        better: 'lower',
        budget: BUDGET_RSS_MB,
        detail: {
          count,
          nodeArgs: `--max-old-space-size=${CAPPED_HEAP_MB}`,
          seconds: r3(c.seconds),
          baselineRssMB: Math.round(c.baselineMB),
          heapUsedPeakMB: Math.round(c.heapPeakMB),
          externalPeakMB: Math.round(c.externalPeakMB),
        },
      }),
    );
  }
  return [
    ...capped,
    result({
      metric: `upload.${db.dialect}.seconds`,
      value: run.seconds,
      unit: 's',
      better: 'lower',
      ...(onPostgres ? { budget: BUDGET_SECONDS } : {}),
      detail,
    }),
    result({
      metric: `upload.${db.dialect}.peakRssMB`,
      value: run.peakMB,
      unit: 'MiB',
      better: 'lower',
      ...(onPostgres ? { budget: BUDGET_RSS_MB } : {}),
      detail: {
        count,
        baselineRssMB: Math.round(run.baselineMB),
        heapUsedPeakMB: Math.round(run.heapPeakMB),
        externalPeakMB: Math.round(run.externalPeakMB),
        note: onPostgres
          ? 'peak RSS of a fresh Node process running the upload (the database is another process)'
          : 'peak RSS of a fresh Node process running the upload, PGlite (in-process WASM Postgres) included',
      },
    }),
    result({
      metric: `upload.${db.dialect}.progressUpdates`,
      value: run.progress,
      unit: 'updates',
      detail: { polls: run.polls, pollMs: POLL_MS, seconds: r3(run.seconds) },
    }),
  ];
}

export const suite: BenchSuite = {
  name: 'upload',
  description:
    '1 M-row CUSTOMERS upload with bad rows: parsed, validated, issued, issues file written',
  async run(scale) {
    const count = Math.max(10_000, Math.round(FULL * scale));
    const results: BenchResult[] = [];
    const pgDb = await openBenchPostgres('upload');
    try {
      results.push(...(await uploadOn(pgDb, count, pgDb.url, async () => undefined)));
    } finally {
      await pgDb.close();
    }
    const liteDb = await openBenchPglite();
    try {
      // PGlite allows one process per data directory: hand it over to the upload's process.
      results.push(...(await uploadOn(liteDb, count, liteDb.pgliteDir, () => liteDb.detach())));
    } finally {
      await liteDb.close();
    }
    return results;
  },
};
