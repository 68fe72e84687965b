import type { SessionPort, SqlPort } from '#shared/sql/port';
import { processUpload, UploadInterrupted } from './upload-job';
import { yieldToEventLoop } from './yield';

type Logger = { error: (...args: unknown[]) => void };
// src-shared has no console typing; every host has one.
const hostConsole = (globalThis as { console?: Logger }).console;

/**
 * Upload jobs run one at a time per database, oldest first, so each sees every earlier upload's
 * coupons.
 *
 * On PostgreSQL any number of hub processes share the database, so the queue is the uploads
 * table itself and the right to run it is a session-level advisory lock: whoever holds it runs
 * every unfinished upload (QUEUED, or RUNNING under a runner that died: its connection closed
 * and released the lock), the others only wake it. A runner that let go of the lock looks once
 * more, so an upload stored while it held the lock is never left waiting for the next poll.
 *
 * Without a session (PGlite: one process; a transaction's port, such as the demo seed's, whose
 * uploads nobody else can see yet) it is a chain in this process, as before.
 */
// pg_try_advisory_lock(int4, int4): a class of its own for Counterfoil, then the lock within it.
const RUNNER_LOCK = [736402, 1] as const;

type Runner = {
  /** Resolves when this process's runner has nothing left to do. */
  idle: Promise<void>;
  active: boolean;
  again: boolean;
  stopping: boolean;
  name: string;
  now: () => Date;
  /** CSVs still held by the handler that accepted them (read back from uploads otherwise). */
  held: Map<string, string>;
};

const runners = new WeakMap<SqlPort, Runner>();

const runnerOf = (sql: SqlPort, now: () => Date): Runner => {
  let r = runners.get(sql);
  if (!r) {
    r = {
      idle: Promise.resolve(),
      active: false,
      again: false,
      stopping: false,
      name: 'in-process',
      now,
      held: new Map(),
    };
    runners.set(sql, r);
  }
  return r;
};

const unfinishedSql = `SELECT id FROM uploads WHERE status IN ('QUEUED', 'RUNNING')
  ORDER BY created_at, id`;

/** Runs unfinished uploads while this session holds the lock; false when another holds it. */
async function runHeld(sql: SqlPort, session: SessionPort, r: Runner): Promise<boolean> {
  const [got] = await session.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1, $2) AS locked',
    RUNNER_LOCK,
  );
  if (got?.locked !== true) return false;
  try {
    while (!r.stopping) {
      const [next] = await sql.query<{ id: string }>(`${unfinishedSql} LIMIT 1`);
      if (!next) break;
      const source = r.held.get(next.id);
      r.held.delete(next.id);
      await processUpload(sql, next.id, r.now, source, {
        runner: r.name,
        shouldStop: () => r.stopping,
      });
    }
  } finally {
    await session.query('SELECT pg_advisory_unlock($1, $2)', RUNNER_LOCK);
  }
  return true;
}

async function drain(sql: SqlPort, r: Runner): Promise<void> {
  const session = sql.session?.bind(sql);
  if (!session) throw new Error('drain needs a session');
  while (r.again && !r.stopping) {
    r.again = false;
    // Let the acknowledging response leave before the job takes the database.
    await yieldToEventLoop();
    try {
      const held = await session((s) => runHeld(sql, s, r));
      // Another process runs them; it reads the files back from uploads.
      if (!held) r.held.clear();
      // Look once more after letting go: a peer that stored an upload while this process held
      // the lock failed to take it and relies on this look (or its own poll).
      if (held && !r.stopping && (await sql.query(`${unfinishedSql} LIMIT 1`)).length > 0) {
        r.again = true;
      }
    } catch (error) {
      // Interrupted: stopping, or another runner has it. Anything else is the database failing
      // (processUpload records the upload's own failures); the next kick or poll tries again.
      if (!(error instanceof UploadInterrupted)) {
        hostConsole?.error('[uploads] the upload runner stopped:', error);
      }
      return;
    }
  }
}

function kick(sql: SqlPort, r: Runner): Promise<void> {
  r.again = true;
  if (!r.active && !r.stopping) {
    r.active = true;
    r.idle = drain(sql, r).finally(() => {
      r.active = false;
    });
  }
  return r.idle;
}

/** Without a session: one chain per port in this process. */
function chain(sql: SqlPort, r: Runner, uploadId: string, source?: string): Promise<void> {
  let held = source;
  const next = r.idle.then(async () => {
    await yieldToEventLoop();
    const text = held;
    held = undefined;
    try {
      await processUpload(sql, uploadId, r.now, text, { runner: r.name });
    } catch (error) {
      // processUpload records its own failures; this is the database itself failing.
      hostConsole?.error(`[uploads] upload ${uploadId} could not run:`, error);
    }
  });
  r.idle = next;
  return next;
}

/** Has the runner take an upload just stored (QUEUED); resolves when this process is idle. */
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
  const r = runnerOf(sql, now);
  if (!sql.session) return chain(sql, r, uploadId, source);
  if (source !== undefined) r.held.set(uploadId, source);
  return kick(sql, r);
}

/** Resolves once this process's runner is idle (every upload it could take so far ran). */
export async function whenUploadsIdle(sql: SqlPort): Promise<void> {
  for (;;) {
    const r = runners.get(sql);
    if (!r) return;
    const idle = r.idle;
    await idle;
    if (r.idle === idle && !r.active) return;
  }
}

/**
 * For hosts to call at start, and (on PostgreSQL) now and then after: has the runner take every
 * upload that was acknowledged but not finished (QUEUED, or RUNNING when its process stopped),
 * oldest first. Returns their ids. Another process may be the one that runs them.
 */
export async function resumeUploads(
  sql: SqlPort,
  now: () => Date = () => new Date(),
): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(unfinishedSql);
  const r = runnerOf(sql, now);
  if (sql.session) {
    if (rows.length > 0) void kick(sql, r);
  } else {
    for (const row of rows) void chain(sql, r, row.id);
  }
  return rows.map((row) => row.id);
}

/** Names this process in the audit trail of the uploads it runs (`upload.run`). */
export function nameUploadRunner(sql: SqlPort, name: string, now: () => Date): void {
  const r = runnerOf(sql, now);
  r.name = name;
  r.now = now;
}

/**
 * Stops this process's runner between batches: the upload in progress stays RUNNING after its
 * last committed batch, for another process (or the next start) to finish.
 */
export async function stopUploads(sql: SqlPort): Promise<void> {
  const r = runners.get(sql);
  if (!r) return;
  r.stopping = true;
  await r.idle.catch(() => undefined);
}
