/**
 * Once-per-run database preparation, handed to the test workers (and to any process a test
 * spawns) through environment variables read by test/helpers/db.ts:
 *
 *  - PostgreSQL: COUNTERFOIL_TEST_PG_URL if set (CI starts a server, scripts/ci-postgres.sh);
 *    otherwise a throwaway cluster from /usr/lib/postgresql/<v>/bin, stopped at teardown.
 *    No binaries: PostgreSQL tests are skipped with a loud message, or fail under CI=true.
 *    A migrated template database is built; each test database is a CREATE DATABASE … TEMPLATE
 *    copy of it.
 *  - PGlite: one migrated data-directory tarball (cached across runs by content); each test
 *    database loads it in memory.
 *
 * A failure to build either template (say, a broken migration) does not abort the run: the
 * database helpers throw it to the tests that need a database, and every other test runs.
 */
import { fileURLToPath } from 'node:url';
import type { Migration } from '#shared/sql/migration';
import { buildPgliteTemplates, buildPostgresTemplate, dropDatabases } from './helpers/db-templates';
import { findPgBin, startPgCluster, type PgCluster } from './helpers/pg-cluster';
import { DB_ENV } from './helpers/db-env';

// Under node_modules: never committed, gone with a fresh clone.
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/counterfoil-test', import.meta.url));

const isCi = (): boolean => ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

const message = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

async function loadMigrations(): Promise<Migration[]> {
  const mod = (await import('#shared/sql/migrations/index')) as { migrations: Migration[] };
  return mod.migrations;
}

let cluster: PgCluster | null = null;
let pgUrl: string | null = null;
let runPrefix = '';

async function preparePostgres(migrations: Migration[] | Error): Promise<void> {
  pgUrl = process.env[DB_ENV.pgUrl] || null;
  if (!pgUrl) {
    const bin = findPgBin();
    if (!bin) {
      const why =
        'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin and ' +
        `${DB_ENV.pgUrl} is not set`;
      if (isCi()) throw new Error(`${why}: CI requires the PostgreSQL tests to run.`);
      console.warn(
        `\n!!!!!!!!!!\n!!! ${why}: every PostgreSQL test is SKIPPED.\n` +
          `!!! Install the 'postgresql' package or point ${DB_ENV.pgUrl} at a server.\n!!!!!!!!!!\n`,
      );
      process.env[DB_ENV.pgMissing] = '1';
      return;
    }
    cluster = await startPgCluster(bin, cacheDir);
    pgUrl = cluster.url;
    process.env[DB_ENV.pgUrl] = pgUrl;
  }
  // Per-run names: runs sharing one server (CI, a developer's) never touch each other.
  runPrefix = `cf_${process.pid}_${Date.now().toString(36)}_`;
  const template = `${runPrefix}template`;
  process.env[DB_ENV.pgPrefix] = runPrefix;
  try {
    if (migrations instanceof Error) throw migrations;
    await buildPostgresTemplate(pgUrl, template, migrations);
    process.env[DB_ENV.pgTemplate] = template;
  } catch (error) {
    process.env[DB_ENV.pgError] = `Building the PostgreSQL template failed:\n${message(error)}`;
  }
}

async function preparePglite(migrations: Migration[] | Error): Promise<void> {
  try {
    if (migrations instanceof Error) throw migrations;
    const templates = await buildPgliteTemplates(migrations, cacheDir);
    process.env[DB_ENV.pgliteTemplate] = templates.migrated;
    process.env[DB_ENV.pgliteEmpty] = templates.empty;
  } catch (error) {
    process.env[DB_ENV.pgliteError] = `Building the PGlite template failed:\n${message(error)}`;
  }
}

export async function setup(): Promise<void> {
  const migrations = await loadMigrations().catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  await Promise.all([preparePostgres(migrations), preparePglite(migrations)]);
}

export async function teardown(): Promise<void> {
  if (cluster) {
    await cluster.stop();
    cluster = null;
  } else if (pgUrl && runPrefix) {
    await dropDatabases(pgUrl, runPrefix).catch((error: unknown) => {
      console.warn(`Could not drop this run's test databases (${runPrefix}*):`, error);
    });
  }
}
