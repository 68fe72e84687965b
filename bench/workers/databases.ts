/**
 * The two hub stores a suite measures on: a PostgreSQL server (the budget's host) and the
 * embedded PGlite data directory (`counterfoil hub` without --database-url). Both migrated
 * with the real migrations, both behind the real SqlPort adapters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '#server/platform/db/pglite-port';
import { openPostgres } from '#server/platform/db/pg-port';
import { migrate } from '#shared/sql/migrate';
import { migrations } from '#shared/sql/migrations/index';
import type { SqlPort } from '#shared/sql/port';
import { SERVER_SETTINGS, startBenchPostgres } from './pg-server';

export type BenchDb = {
  dialect: 'postgres' | 'pglite';
  sql: SqlPort;
  /** What the store was, for the results' detail. */
  describe: Record<string, unknown>;
  /** CPU seconds of the database server process(es) so far; 0 for PGlite (it is in-process). */
  serverCpuSeconds(): number | null;
  close(): Promise<void>;
};

export async function openBenchPostgres(
  label: string,
  pool = 10,
): Promise<BenchDb & { url: string }> {
  const server = await startBenchPostgres(label);
  const sql = openPostgres({
    connectionString: server.url,
    max: pool,
    applicationName: 'cf-bench',
  });
  try {
    await migrate(sql, migrations);
  } catch (error) {
    await sql.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
  return {
    dialect: 'postgres',
    sql,
    url: server.url,
    describe: {
      server: `PostgreSQL ${server.version}`,
      source: server.source,
      ...(server.source.startsWith('own') ? { settings: SERVER_SETTINGS } : {}),
    },
    serverCpuSeconds: () => server.cpuSeconds(),
    close: async () => {
      await sql.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/** An on-disk PGlite (the embedded hub, or a till's replica) in a temp directory. */
export async function openBenchPglite(): Promise<
  BenchDb & { dataDir: string; pgliteDir: string; detach(): Promise<void> }
> {
  const dir = await mkdtemp(join(tmpdir(), 'cf-bench-pglite-'));
  const db = await openPglite({ dataDir: join(dir, 'pglite'), checkpointIntervalMs: 0 });
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dialect: 'pglite',
    sql: db,
    dataDir: dir,
    pgliteDir: join(dir, 'pglite'),
    // Closes the database but keeps its files, for another process to open (close() removes them).
    detach: () => db.close(),
    describe: { server: 'PGlite (in-process, on disk)' },
    serverCpuSeconds: () => 0,
    close: async () => {
      await db.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
