import Papa from 'papaparse';
import { whenUploadsIdle } from '../../src-shared/services/uploads/upload-queue';
import { collectGarbage, peakRssMB, rssMB, rssTracker } from '../measure';
import { result, type BenchResult, type BenchSuite } from '../types';
import { openBenchPglite, openBenchPostgres, type BenchDb } from '../workers/databases';
import {
  benchDispatch,
  call,
  copyCustomers,
  createOffer,
  issuanceCsv,
  seedOrg,
} from '../workers/seed';
import { cpuSecondsSince, msSince, note, r3 } from '../workers/stats';

const FULL = 1_000_000;
const BUDGET_SECONDS = 15;
const BUDGET_RSS_MB = 400;
/** How often the bench asks for the upload's progress, as the UI's poll would. */
const POLL_MS = 100;

/**
 * A 1 M-row CUSTOMERS issuance file with bad rows of three kinds (a user id with letters, a
 * customer that does not exist, an issuedAt in the future), from uploads-create until the issues
 * file is in hand (uploads-issues), polling uploads-get meanwhile like the UI does. The time
 * includes issuing every good row's coupon (unique 10-character codes).
 */
async function uploadOn(db: BenchDb, count: number): Promise<BenchResult[]> {
  const dispatch = benchDispatch(db.sql, 'hub');
  await seedOrg(dispatch);
  await copyCustomers(db.sql, count);
  const offer = await createOffer(dispatch, 'UNIQUE_AUTO', `Upload bench ${db.dialect}`);
  const { csv, badRows } = issuanceCsv(count, {
    invalidEvery: 997,
    unknownEvery: 1009,
    futureEvery: 1013,
  });
  collectGarbage();
  const baselineMB = rssMB();
  const tracker = rssTracker();
  const progress = new Set<number>();
  let polls = 0;
  const cpuBefore = process.cpuUsage();
  const serverBefore = db.serverCpuSeconds();
  const started = process.hrtime.bigint();
  const accepted = await call(dispatch, 'uploads-create', {
    id: offer.id,
    kind: 'CUSTOMERS',
    fileName: 'customers.csv',
    csv,
  });
  const acceptedMs = msSince(started);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      tracker.sample();
      const u = await call(dispatch, 'uploads-get', { id: accepted.id });
      polls++;
      if (u.status === 'RUNNING' || u.status === 'QUEUED') progress.add(u.processedRows);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  await whenUploadsIdle(db.sql);
  polling = false;
  await poller;
  const done = await call(dispatch, 'uploads-get', { id: accepted.id });
  const issues = await call(dispatch, 'uploads-issues', { id: accepted.id });
  tracker.sample();
  const seconds = msSince(started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuBefore);
  const serverAfter = db.serverCpuSeconds();
  const issueLines =
    Papa.parse<string[]>(issues.csv.trim(), { skipEmptyLines: true }).data.length - 1;
  if (done.status !== 'DONE' || done.errorRows !== badRows || issueLines !== badRows) {
    throw new Error(
      `upload on ${db.dialect}: ${done.status}, ${done.errorRows} error rows and ${issueLines} issue lines, expected ${badRows}: ${done.message}`,
    );
  }
  note(
    'upload',
    `${db.dialect}: ${count} rows (${badRows} bad) in ${seconds.toFixed(1)} s, peak RSS ${Math.round(tracker.peakMB)} MiB, ${progress.size} progress values over ${polls} polls`,
  );
  const detail = {
    count,
    okRows: done.okRows,
    badRows,
    issueFileLines: issueLines,
    issueFileKB: Math.round(issues.csv.length / 1024),
    acceptedMs: r3(acceptedMs),
    cpuSeconds: r3(cpuSeconds),
    serverCpuSeconds:
      serverBefore === null || serverAfter === null ? null : r3(serverAfter - serverBefore),
    rowsPerSecond: Math.round(count / seconds),
    progressUpdatesSeen: progress.size,
    polls,
    pollMs: POLL_MS,
    baselineRssMB: Math.round(baselineMB),
    processPeakRssMB: Math.round(peakRssMB()),
    store: db.describe,
  };
  const onPostgres = db.dialect === 'postgres';
  return [
    result({
      metric: `upload.${db.dialect}.seconds`,
      value: seconds,
      unit: 's',
      better: 'lower',
      ...(onPostgres ? { budget: BUDGET_SECONDS } : {}),
      detail,
    }),
    result({
      metric: `upload.${db.dialect}.peakRssMB`,
      value: tracker.peakMB,
      unit: 'MiB',
      better: 'lower',
      ...(onPostgres ? { budget: BUDGET_RSS_MB } : {}),
      detail: {
        count,
        baselineRssMB: Math.round(baselineMB),
        note: onPostgres
          ? 'peak RSS of the Node process during the upload (the database is another process)'
          : 'includes PGlite itself (in-process WASM Postgres)',
      },
    }),
    result({
      metric: `upload.${db.dialect}.progressUpdates`,
      value: progress.size,
      unit: 'updates',
      detail: { polls, pollMs: POLL_MS, seconds: r3(seconds) },
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
      results.push(...(await uploadOn(pgDb, count)));
    } finally {
      await pgDb.close();
    }
    const liteDb = await openBenchPglite();
    try {
      results.push(...(await uploadOn(liteDb, count)));
    } finally {
      await liteDb.close();
    }
    return results;
  },
};
