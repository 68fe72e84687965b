/**
 * Fresh, migrated test databases behind the same SqlPort the hosts use (src-server/platform/db), so a
 * service test sees exactly the value shapes of production (value-shapes.ts).
 *
 *   const db = await freshDb(dialect);   // or freshPglite() / freshPostgres()
 *   …db.sql…
 *   await db.close();                    // PostgreSQL: the database is dropped
 *
 *   eachDialect('offers: create', (dialect) => { … });   // one describe block per dialect
 *   const w = useFreshDb(dialect, (db) => setUp(db));   // per describe block: made in
 *                                                        // beforeAll, closed in afterAll
 *
 * The templates come from test/global-setup.ts; see there for how PostgreSQL is found.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  loadPgliteAssets,
  openPglite,
  type PgliteAssets,
  type PgliteDb,
} from '#server/platform/db/pglite-port';
import { openPostgres, type PostgresDb } from '#server/platform/db/pg-port';
import type { SqlPort } from '#shared/sql/port';
import { databaseUrl, quoteIdent } from './db-templates';
import { DB_ENV } from './db-env';

export type Dialect = SqlPort['dialect'];
export const DIALECTS: readonly Dialect[] = ['pglite', 'postgres'];

export type TestDb = {
  readonly dialect: Dialect;
  readonly sql: SqlPort;
  close(): Promise<void>;
};

const tarballs = new Map<string, Promise<Blob>>();
let assets: Promise<PgliteAssets> | null = null;

/** PGlite's compiled WASM, shared by every PGlite this worker opens. */
export const sharedPgliteAssets = (): Promise<PgliteAssets> => (assets ??= loadPgliteAssets());

/**
 * A PGlite data-directory tarball from global setup, read once per worker: the migrated
 * template, or (empty: true) a fresh initdb without any migration.
 */
export function pgliteTemplate(options: { empty?: boolean } = {}): Promise<Blob> {
  const error = process.env[DB_ENV.pgliteError];
  if (error && !options.empty) return Promise.reject(new Error(error));
  const key = options.empty ? DB_ENV.pgliteEmpty : DB_ENV.pgliteTemplate;
  const path = process.env[key];
  if (!path) {
    return Promise.reject(
      new Error(error ?? `${key} is not set: run the tests through vitest (globalSetup).`),
    );
  }
  let blob = tarballs.get(path);
  if (!blob) {
    blob = readFile(path).then((bytes) => new Blob([bytes]));
    tarballs.set(path, blob);
  }
  return blob;
}

/**
 * A migrated in-memory PGlite loaded from the run's template (well under a second, against
 * seconds for initdb plus migrations). `empty: true` skips the migrations.
 */
export async function freshPglite(
  options: { empty?: boolean } = {},
): Promise<TestDb & { db: PgliteDb }> {
  const [loadDataDir, wasm] = await Promise.all([pgliteTemplate(options), sharedPgliteAssets()]);
  const db = await openPglite({ memory: true, loadDataDir, assets: wasm });
  return { dialect: 'pglite', sql: db, db, close: () => db.close() };
}

/** Whether PostgreSQL tests can run (a server URL was given or a cluster was started). */
export const postgresAvailable = (): boolean =>
  process.env[DB_ENV.pgMissing] !== '1' && Boolean(process.env[DB_ENV.pgUrl]);

/** The server URL (maintenance database); throws when there is none. */
export function postgresUrl(): string {
  const url = process.env[DB_ENV.pgUrl];
  if (!url) throw new Error(`No PostgreSQL server: ${DB_ENV.pgUrl} is not set.`);
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let seq = 0;

/**
 * A migrated PostgreSQL database of its own: CREATE DATABASE … TEMPLATE <run template>
 * (tens of milliseconds), dropped again by close(). `empty: true` copies template0 instead.
 */
export async function freshPostgres(
  options: { max?: number; empty?: boolean } = {},
): Promise<TestDb & { db: PostgresDb; name: string; url: string }> {
  const error = process.env[DB_ENV.pgError];
  if (error && !options.empty) throw new Error(error);
  const templateName = options.empty ? 'template0' : process.env[DB_ENV.pgTemplate];
  const prefix = process.env[DB_ENV.pgPrefix];
  if (!templateName || !prefix) {
    throw new Error(`No PostgreSQL template: run the tests through vitest (globalSetup).`);
  }
  seq += 1;
  const name = `${prefix}${process.pid}_${seq}`;
  await admin((c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateName)}`),
  );
  const url = databaseUrl(postgresUrl(), name);
  const db = openPostgres({ connectionString: url, max: options.max ?? 10 });
  let closed = false;
  return {
    dialect: 'postgres',
    sql: db,
    db,
    name,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}

export const freshDb = (dialect: Dialect, options: { empty?: boolean } = {}): Promise<TestDb> =>
  dialect === 'pglite' ? freshPglite(options) : freshPostgres(options);

/**
 * One describe block per dialect, named `<name> [pglite]` / `<name> [postgres]`. The
 * PostgreSQL block is skipped only when global setup found no server outside CI.
 */
export function eachDialect(name: string, fn: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect === 'postgres' && !postgresAvailable())(`${name} [${dialect}]`, () =>
      fn(dialect),
    );
  }
}

/**
 * A fresh database for the enclosing describe block, with whatever `setUp` builds on it (an
 * org, a handler context…). Registers beforeAll/afterAll and returns a holder that beforeAll
 * fills in, so tests read `w.db`, `w.ctx`… instead of repeating the let/beforeAll/afterAll dance.
 */
export function useFreshDb<T extends object>(
  dialect: Dialect,
  setUp: (db: TestDb) => T | Promise<T>,
  open: (dialect: Dialect) => Promise<TestDb> = freshDb,
): { db: TestDb } & T {
  const holder = {} as { db: TestDb } & T;
  beforeAll(async () => {
    const db = await open(dialect);
    Object.assign(holder, await setUp(db), { db });
  });
  afterAll(async () => {
    // Undefined when opening failed; the beforeAll error is the one to report.
    await (holder as { db?: TestDb }).db?.close();
  });
  return holder;
}
