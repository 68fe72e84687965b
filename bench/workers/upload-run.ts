/**
 * Runs one 1 M-row CUSTOMERS upload in a fresh process, so its RSS is what a hub serving that
 * upload holds (the suite's own set-up — loading a million customers — would otherwise set the
 * baseline). Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/workers/upload-run.ts <postgres URL | pglite DIR> <offerId> <count>
 */
import Papa from 'papaparse';
import { openPglite } from '#server/platform/db/pglite-port';
import { openPostgres } from '#server/platform/db/pg-port';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import type { SqlPort } from '#shared/sql/port';
import { collectGarbage, rssMB, rssTracker } from '../measure';
import { benchDispatch, call, issuanceCsv, UPLOAD_BAD_ROWS, UPLOAD_POLL_MS } from './seed';
import { cpuSecondsSince, msSince } from './stats';

const POLL_MS = UPLOAD_POLL_MS;

const [target = '', offerId = '', countText = ''] = process.argv.slice(2);
const count = Number(countText);
const db: SqlPort & { close(): Promise<void> } = target.startsWith('postgres')
  ? openPostgres({ connectionString: target, max: 10, applicationName: 'cf-bench-upload' })
  : await openPglite({ dataDir: target, checkpointIntervalMs: 0 });
try {
  const dispatch = benchDispatch(db, 'hub');
  // The file as a hub receives it: one string (the HTTP body). Making it here builds a million
  // small strings first; that garbage is the bench's, not the upload's, so it goes before the
  // baseline. The text itself stays in the process, as a request body would, and in the peak.
  const { csv, badRows } = issuanceCsv(count, UPLOAD_BAD_ROWS);
  collectGarbage();
  const baselineMB = rssMB();
  const tracker = rssTracker();
  const progress = new Set<number>();
  let polls = 0;
  let heapPeakMB = 0;
  let externalPeakMB = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const accepted = await call(dispatch, 'uploads-create', {
    id: offerId,
    kind: 'CUSTOMERS',
    fileName: 'customers.csv',
    csv,
  });
  const acceptedMs = msSince(started);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      tracker.sample();
      const m = process.memoryUsage();
      heapPeakMB = Math.max(heapPeakMB, m.heapUsed / 2 ** 20);
      externalPeakMB = Math.max(externalPeakMB, (m.external + m.arrayBuffers) / 2 ** 20);
      const u = await call(dispatch, 'uploads-get', { id: accepted.id });
      polls++;
      if (u.status === 'RUNNING' || u.status === 'QUEUED') progress.add(u.processedRows);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  await whenUploadsIdle(db);
  polling = false;
  await poller;
  const done = await call(dispatch, 'uploads-get', { id: accepted.id });
  const issues = await call(dispatch, 'uploads-issues', { id: accepted.id });
  tracker.sample();
  const seconds = msSince(started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuBefore);
  const issueLines =
    Papa.parse<string[]>(issues.csv.trim(), { skipEmptyLines: true }).data.length - 1;
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      cpuSeconds,
      acceptedMs,
      baselineMB,
      peakMB: tracker.peakMB,
      heapPeakMB,
      externalPeakMB,
      progress: progress.size,
      polls,
      badRows,
      status: done.status,
      message: done.message,
      okRows: done.okRows,
      errorRows: done.errorRows,
      issueLines,
      issueKB: issues.csv.length / 1024,
    })}\n`,
  );
} finally {
  await db.close();
}
