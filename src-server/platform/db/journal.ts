import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from './fsync';
import { createMutex } from './mutex';

/**
 * An fsync'd append-only journal of JSON lines. PGlite on Node never fsyncs, so a till
 * appends each acknowledged fact here (inside its DB transaction, before COMMIT) and replays
 * the journal on start; a record found here but not in the database is re-applied
 * idempotently by its client id.
 *
 * append() resolves only after the line is written and fdatasync'd. Concurrent appends share
 * one write and one fdatasync (group commit). A crash can leave a partial last line, which
 * was never acknowledged: the reader ignores it and opening the journal cuts it off.
 *
 * Append as the last step before COMMIT: a record whose transaction then failed is still in
 * the journal and is replayed at the next start (write a compensating record if that matters).
 *
 * Keeping it short, with PGlite: `const m = await journal.mark(); await db.makeDurable();
 * await journal.truncate(m);` — makeDurable waits for running transactions (so every record
 * before the mark is committed or rolled back), CHECKPOINTs and fsyncs the data directory.
 */
export type Journal = {
  readonly path: string;
  /** Writes one record as a JSON line; resolves once it is on stable storage. */
  append(record: object): Promise<void>;
  /** Every complete record, in append order. */
  readAll(): Promise<unknown[]>;
  /** Waits for in-flight appends; returns the durable length in bytes (for truncate). */
  mark(): Promise<number>;
  /**
   * Drops the records before `upTo` (a mark(); default: everything appended so far). Call it
   * only once the database state that includes those records is itself durable.
   */
  truncate(upTo?: number): Promise<void>;
  close(): Promise<void>;
};

type Pending = { line: string; resolve: () => void; reject: (error: unknown) => void };

/** Splits journal text into records; a partial final line (no newline yet) is ignored. */
export function parseJournal(text: string, path = 'journal'): unknown[] {
  const lines = text.split('\n');
  // Everything after the last '\n' is a line whose write did not complete.
  lines.pop();
  return lines.map((line, i) => {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null) return value;
    } catch {
      // fall through
    }
    throw new Error(
      `${path}: line ${i + 1} is not a JSON record ("${line.slice(0, 60)}"); the journal is ` +
        `damaged before its end. Keep a copy of the file and repair or remove that line.`,
    );
  });
}

/** Cuts a partial last line (a write a crash interrupted) so new lines start clean. */
async function repairTail(handle: FileHandle): Promise<number> {
  const { size } = await handle.stat();
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024));
  let end = size;
  // Scan backwards for the last '\n'.
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) {
      const keep = start + at + 1;
      if (keep !== size) {
        await handle.truncate(keep);
        await handle.datasync();
      }
      return keep;
    }
    end = start;
  }
  await handle.truncate(0);
  await handle.datasync();
  return 0;
}

export async function openJournal(path: string): Promise<Journal> {
  let handle = await open(path, 'a+');
  // The file's directory entry must be durable too, or a crash could lose the whole file.
  await fsyncDir(dirname(path));
  let length = await repairTail(handle);

  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  // Writes and truncation take turns; appends arriving meanwhile queue up and go out
  // together in the next write + fdatasync (group commit).
  const io = createMutex();

  const flushQueue = async (): Promise<void> => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const bytes = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
    try {
      // 'a+' opens with O_APPEND: every write lands at the current end of the file.
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await handle.datasync();
      length += bytes.length;
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    void io.run(async () => {
      scheduled = false;
      await flushQueue();
    });
  };

  return {
    path,
    append(record) {
      if (closed) return Promise.reject(new Error(`Journal ${path} is closed.`));
      const line = `${JSON.stringify(record)}\n`;
      const done = new Promise<void>((resolve, reject) => {
        queue.push({ line, resolve, reject });
      });
      schedule();
      return done;
    },
    async readAll() {
      return parseJournal(await readFile(path, 'utf8'), path);
    },
    async mark() {
      await io.drain();
      return length;
    },
    truncate: (upTo) =>
      io.run(async () => {
        const cut = Math.min(upTo ?? length, length);
        if (cut > 0) {
          const before = Buffer.alloc(1);
          await handle.read(before, 0, 1, cut - 1);
          if (before[0] !== 0x0a) {
            throw new Error(
              `Journal ${path}: truncate(${cut}) is not at a record boundary; pass a mark().`,
            );
          }
        }
        const keep = Buffer.alloc(length - cut);
        if (keep.length > 0) await handle.read(keep, 0, keep.length, cut);
        // Write the survivors to a new file and rename it over the old one, so a crash at any
        // point leaves either the old journal or the new one, never a half-truncated file.
        const tmp = `${path}.tmp`;
        const next = await open(tmp, 'w');
        try {
          await next.write(keep);
          await next.datasync();
        } finally {
          await next.close();
        }
        await rename(tmp, path);
        await fsyncDir(dirname(path));
        await handle.close();
        handle = await open(path, 'a+');
        length = keep.length;
      }),
    async close() {
      if (closed) return;
      closed = true;
      await io.drain();
      await handle.close();
    },
  };
}
