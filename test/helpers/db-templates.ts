/**
 * Migrated databases built once per test run, copied per test: a fresh PGlite takes ≈3 s and
 * migrating it more; loading a dumped data directory takes well under one. The PGlite tarball
 * is also cached across runs, keyed by the migrations, the runner and the PGlite version.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Migration } from '#shared/sql/migration';
import { migrate } from '#shared/sql/migrate';
import { openPglite } from '#server/platform/db/pglite-port';
import { openPostgres } from '#server/platform/db/pg-port';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function pgliteVersion(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

/** Identifies a template: same migrations + runner + PGlite → same database. */
async function templateKey(migrations: readonly Migration[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(migrations));
  hash.update(await readFile(join(repoRoot, 'src-shared/sql/migrate.ts')));
  hash.update(await pgliteVersion());
  return hash.digest('hex').slice(0, 16);
}

export type PgliteTemplates = {
  /** A fresh initdb'd data directory: for tests of the migration runner itself. */
  empty: string;
  /** The same with every migration applied. */
  migrated: string;
};

async function writeAtomically(file: string, blob: Blob): Promise<void> {
  // Write then rename: a concurrent run never sees a half-written tarball.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await blob.arrayBuffer()));
  await rename(tmp, file);
}

/** Paths of (uncompressed: faster to load) data-directory tarballs, cached in cacheDir. */
export async function buildPgliteTemplates(
  migrations: readonly Migration[],
  cacheDir: string,
): Promise<PgliteTemplates> {
  const empty = join(cacheDir, `pglite-empty-${await pgliteVersion()}.tar`);
  const migrated = join(cacheDir, `pglite-template-${await templateKey(migrations)}.tar`);
  if (existsSync(empty) && existsSync(migrated)) return { empty, migrated };
  await mkdir(cacheDir, { recursive: true });
  const haveEmpty = existsSync(empty);
  const db = await openPglite({
    memory: true,
    ...(haveEmpty ? { loadDataDir: new Blob([await readFile(empty)]) } : {}),
  });
  try {
    if (!haveEmpty) await writeAtomically(empty, await db.dumpDataDir('none'));
    await migrate(db, migrations);
    await writeAtomically(migrated, await db.dumpDataDir('none'));
  } finally {
    await db.close();
  }
  return { empty, migrated };
}

/** The URL of database `name` on the same server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Names are generated here, never user input; quoting keeps odd characters harmless. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Creates database `name` on the server and migrates it; nothing stays connected to it. */
export async function buildPostgresTemplate(
  url: string,
  name: string,
  migrations: readonly Migration[],
): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const db = openPostgres({ connectionString: databaseUrl(url, name), max: 1 });
  try {
    await migrate(db, migrations);
  } finally {
    await db.close();
  }
}

/** Drops every database whose name starts with `prefix` (a run's leftovers). */
export async function dropDatabases(url: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
