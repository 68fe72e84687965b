import type { SqlPort } from '../../sql/port';
import { processUpload } from './upload-job';
import { yieldToEventLoop } from './yield';

type Logger = { error: (...args: unknown[]) => void };
// src-shared has no console typing; every host has one.
const hostConsole = (globalThis as { console?: Logger }).console;

/**
 * One chain of upload jobs per database, run in the background of the process that accepted
 * them. Jobs run strictly one after another so each sees every earlier upload's coupons.
 */
const chains = new WeakMap<SqlPort, Promise<void>>();

export function enqueueUpload(
  sql: SqlPort,
  uploadId: string,
  now: () => Date = () => new Date(),
  /**
   * The CSV as stored with the upload, when the caller still holds it (the accepting handler):
   * the job then does not read uploads.source back, so the process never holds the file twice.
   */
  source?: string,
): Promise<void> {
  const previous = chains.get(sql) ?? Promise.resolve();
  let held = source;
  const next = previous.then(async () => {
    // Let the acknowledging response leave before the job takes the database.
    await yieldToEventLoop();
    const text = held;
    held = undefined;
    try {
      await processUpload(sql, uploadId, now, text);
    } catch (error) {
      // processUpload records its own failures; this is the database itself failing.
      hostConsole?.error(`[uploads] upload ${uploadId} could not run:`, error);
    }
  });
  chains.set(sql, next);
  return next;
}

/** Resolves once every upload queued on this database so far (and any queued meanwhile) ran. */
export async function whenUploadsIdle(sql: SqlPort): Promise<void> {
  for (;;) {
    const chain = chains.get(sql);
    if (!chain) return;
    await chain;
    if (chains.get(sql) === chain) return;
  }
}

/**
 * For hosts to call at start: queues every upload that was acknowledged but not finished
 * (QUEUED, or RUNNING when the process stopped), oldest first. Returns their ids.
 */
export async function resumeUploads(
  sql: SqlPort,
  now: () => Date = () => new Date(),
): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM uploads WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at, id`,
  );
  for (const row of rows) void enqueueUpload(sql, row.id, now);
  return rows.map((r) => r.id);
}
