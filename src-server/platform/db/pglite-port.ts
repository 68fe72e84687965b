import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlPort, SqlRow } from '#shared/sql/port';
import { copyStatement } from './copy-sql';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { fsyncTree } from './fsync';
import { createMutex } from './mutex';
import { createStatementCache, simpleQuery } from './pglite-statements';
import { copyTemplateInto } from './template-copy';
import { SESSION_SETTINGS, normalizeParam, valueParsers } from './value-shapes';

export type PgliteOpenOptions = {
  /** On-disk data directory (created if missing). Exactly one of dataDir / memory. */
  dataDir?: string;
  /** An in-memory database (tests, previews): no lock file, no checkpoints. */
  memory?: boolean;
  /** Start from a dumpDataDir() tarball instead of running initdb (≈4× faster). */
  loadDataDir?: Blob;
  /**
   * A closed data directory to copy into dataDir when dataDir holds no database yet: a
   * migrated template (pglite-template.ts) opens in a fraction of initdb's time.
   */
  template?: string;
  /** Precompiled WASM and FS bundle to share between many opens (tests); see loadPgliteAssets. */
  assets?: PgliteAssets;
  /** How often to CHECKPOINT an on-disk database; 0 turns it off. Default 60 s. */
  checkpointIntervalMs?: number;
  /**
   * PostgreSQL's buffer pool (`32MB`), allocated in the WebAssembly heap when PGlite starts and
   * resident from then on. Default: the data directory's postgresql.conf (initdb's 128MB).
   */
  sharedBuffers?: string;
};

/** PGlite's own start parameters (single-user mode and its settings) plus the buffer pool. */
const startParams = (sharedBuffers: string): string[] => [
  ...PGlite.defaultStartParams,
  '-c',
  `shared_buffers=${sharedBuffers}`,
];

export type PgliteDb = SqlPort & {
  readonly dataDir: string | null;
  /** Flushes dirty pages to the data files now (still no fsync: PGlite on Node never does). */
  checkpoint(): Promise<void>;
  /**
   * CHECKPOINT, then fsync every file of the data directory: afterwards everything committed
   * so far survives a power cut, so the journal may be truncated up to a mark() taken before
   * this call. A no-op for in-memory databases.
   */
  makeDurable(): Promise<void>;
  /** A tarball of the whole data directory (gzip unless 'none'); feed it back through loadDataDir. */
  dumpDataDir(compression?: 'gzip' | 'none'): Promise<Blob>;
  /** Waits for queued work, checkpoints, closes PGlite and releases the lock. Idempotent. */
  close(): Promise<void>;
};

export type PgliteAssets = {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
  fsBundle: Blob;
};

/**
 * Compiles PGlite's WASM once and reads its file-system bundle, so a process opening many
 * databases (the test suite) skips that work on every open.
 */
export async function loadPgliteAssets(): Promise<PgliteAssets> {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const [pglite, initdb, data] = await Promise.all(
    ['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((file) => readFile(join(dist, file))),
  );
  // Node has the WebAssembly global; this tsconfig's libs only declare its types.
  const { compile } = (
    globalThis as unknown as {
      WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
    }
  ).WebAssembly;
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
    compile(pglite as Buffer),
    compile(initdb as Buffer),
  ]);
  return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([data as Buffer]) };
}

const DEFAULT_CHECKPOINT_MS = 60_000;

/** COPY … FROM '/dev/blob' in PostgreSQL's binary format (SqlPort.copyFromBinary). */
const binaryCopyStatement = (table: string, columns: readonly string[]): string => {
  const csv = copyStatement(table, columns, `'/dev/blob'`);
  if (!csv.endsWith('WITH (FORMAT csv)')) throw new Error(`unexpected COPY statement: ${csv}`);
  return `${csv.slice(0, -'WITH (FORMAT csv)'.length)}WITH (FORMAT binary)`;
};

const settingsSql = Object.entries(SESSION_SETTINGS)
  .map(([name, value]) => `SET ${name} = '${value}';`)
  .join('\n');

/**
 * Opens PGlite (Postgres in WASM, one backend) behind the SqlPort. Every transaction, and
 * every statement outside one, runs under one FIFO mutex, so concurrent callers never
 * interleave statements inside someone else's BEGIN … COMMIT. Calling the root port from
 * inside a transaction on the same database would wait for itself forever; that is reported
 * as an error instead.
 */
export async function openPglite(options: PgliteOpenOptions): Promise<PgliteDb> {
  const { dataDir, memory, loadDataDir } = options;
  if (Boolean(dataDir) === Boolean(memory)) {
    throw new Error('openPglite: pass exactly one of { dataDir } or { memory: true }.');
  }
  const lock: DataDirLock | null = dataDir ? acquireDataDirLock(dataDir) : null;
  let opened: PGlite | undefined;
  try {
    if (dataDir && options.template) await copyTemplateInto(options.template, dataDir);
    opened = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      ...options.assets,
      ...(options.sharedBuffers ? { startParams: startParams(options.sharedBuffers) } : {}),
    });
    // Replace (not merge) the parser table: types we don't list come back as raw text,
    // exactly as the node-postgres adapter returns them (see value-shapes.ts).
    opened.parsers = { ...valueParsers };
    await opened.exec(settingsSql);
  } catch (error) {
    await opened?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
  const db = opened;

  const mutex = createMutex();
  // Prepared once per SQL text: planning dominated the till's small statements (see there).
  const statements = createStatementCache(db);
  const inTransaction = new AsyncLocalStorage<true>();
  const notFromInsideTx = (what: string): void => {
    if (inTransaction.getStore()) {
      throw new Error(
        `PGlite ${what} called on the database while a transaction on it is open in the same ` +
          `call chain: this would wait for itself forever. Use the tx port passed to transaction().`,
      );
    }
  };

  /**
   * One transaction's state. BEGIN is not a call of its own: it travels ahead of the first
   * statement (same round trip), and COMMIT is one simple-protocol call. PGlite's own
   * transaction() spends two calls on each (query, then sync), which on the till's redeem was
   * four of its eleven round trips. Everything runs under the port's mutex, so nothing else
   * can get between BEGIN and COMMIT.
   */
  type TxState = { begun: boolean; closed: boolean };
  const begin = simpleQuery('BEGIN');
  const checkOpen = (state: TxState): void => {
    if (state.closed)
      throw new Error('This transaction has ended; its tx port can no longer be used.');
  };
  const ensureBegun = async (state: TxState): Promise<void> => {
    if (state.begun) return;
    state.begun = true;
    await statements.command('BEGIN');
  };

  const txPort = (state: TxState): SqlPort => {
    const port: SqlPort = {
      dialect: 'pglite',
      async query<T extends SqlRow>(text: string, params: readonly unknown[] = []) {
        checkOpen(state);
        const values = params.map(normalizeParam);
        if (state.begun) return statements.query<T>(text, values);
        // Marked first: whatever happens to the statement, BEGIN itself has run.
        state.begun = true;
        return statements.query<T>(text, values, begin);
      },
      async exec(text) {
        checkOpen(state);
        await ensureBegun(state);
        await db.exec(text);
      },
      // Nested transactions join the outer one: one BEGIN … COMMIT per unit of work.
      transaction: (fn) => fn(port),
      async copyFrom(table, columns, csv) {
        checkOpen(state);
        await ensureBegun(state);
        const result = await db.query(copyStatement(table, columns, `'/dev/blob'`), [], {
          blob: new Blob([csv]),
        });
        return result.affectedRows ?? 0;
      },
      async copyFromBinary(table, columns, data) {
        checkOpen(state);
        await ensureBegun(state);
        const result = await db.query(binaryCopyStatement(table, columns), [], {
          blob: new Blob([data]),
        });
        return result.affectedRows ?? 0;
      },
      async copyOutBase64(select) {
        checkOpen(state);
        await ensureBegun(state);
        const result = await db.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
        const bytes = Buffer.from(
          result.blob ? await result.blob.arrayBuffer() : new ArrayBuffer(0),
        );
        return { base64: bytes.toString('base64'), rows: result.affectedRows ?? 0 };
      },
    };
    return port;
  };

  const runTransaction = async <T>(fn: (tx: SqlPort) => Promise<T>): Promise<T> => {
    const state: TxState = { begun: false, closed: false };
    try {
      const result = await inTransaction.run(true, () => fn(txPort(state)));
      state.closed = true;
      // Nothing ran: nothing to commit.
      if (state.begun && (await statements.command('COMMIT')) === 'ROLLBACK') {
        throw new Error(
          'PGlite rolled the transaction back at COMMIT: a statement in it had failed (its ' +
            'error was caught and the transaction carried on).',
        );
      }
      return result;
    } catch (error) {
      state.closed = true;
      // Still open (the work failed, or its error was caught): undo it. A failed COMMIT has
      // already ended the transaction.
      if (state.begun && db.isInTransaction()) await statements.command('ROLLBACK');
      throw error;
    }
  };

  const checkpoint = (): Promise<void> =>
    mutex.run(async () => {
      await db.exec('CHECKPOINT');
    });

  const interval = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_MS;
  const timer =
    dataDir && interval > 0
      ? setInterval(() => {
          checkpoint().catch((error: unknown) => {
            if (!db.closed) console.error('PGlite periodic CHECKPOINT failed:', error);
          });
        }, interval)
      : null;
  timer?.unref();

  let closing: Promise<void> | null = null;

  return {
    dialect: 'pglite',
    dataDir: dataDir ?? null,
    query<T extends SqlRow>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      notFromInsideTx('query()');
      return mutex.run(() => statements.query<T>(text, params.map(normalizeParam)));
    },
    exec(text) {
      notFromInsideTx('exec()');
      return mutex.run(async () => {
        await db.exec(text);
      });
    },
    transaction(fn) {
      notFromInsideTx('transaction()');
      return mutex.run(() => runTransaction(fn));
    },
    copyFrom(table, columns, csv) {
      notFromInsideTx('copyFrom()');
      return mutex.run(async () => {
        const result = await db.query(copyStatement(table, columns, `'/dev/blob'`), [], {
          blob: new Blob([csv]),
        });
        return result.affectedRows ?? 0;
      });
    },
    checkpoint,
    makeDurable: () =>
      mutex.run(async () => {
        if (!dataDir) return;
        await db.exec('CHECKPOINT');
        await fsyncTree(dataDir);
      }),
    dumpDataDir: (compression = 'gzip') => mutex.run(() => db.dumpDataDir(compression)),
    close() {
      closing ??= (async () => {
        if (timer) clearInterval(timer);
        try {
          await mutex.run(async () => {
            if (dataDir) await db.exec('CHECKPOINT');
            await db.close();
          });
        } finally {
          lock?.release();
        }
      })();
      return closing;
    },
  };
}
