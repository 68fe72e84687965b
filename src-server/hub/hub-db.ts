import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { migrate } from '#shared/sql/migrate';
import { migrations } from '#shared/sql/migrations/index';
import type { SqlPort } from '#shared/sql/port';
import { openPostgres } from '../platform/db/pg-port';
import { openMigratedPglite } from '../platform/db/pglite-template';

/** Connections per hub process unless --db-pool says otherwise. */
export const DEFAULT_POOL_SIZE = 20;

export type HubDb = { sql: SqlPort; describe: string; close(): Promise<void> };

/**
 * The hub's authoritative store: a PostgreSQL server when a URL is given, else an embedded
 * PGlite data directory (locked to this process). Migrated before anything else runs.
 */
export async function openHubDb(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
  /** PostgreSQL connections this process may open (docs/deploy.md: pool sizing). */
  poolSize?: number;
}): Promise<HubDb> {
  const log = options.log ?? (() => undefined);
  if (options.databaseUrl) {
    const db = openPostgres({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      // pg_stat_activity then tells which hub process holds a connection (or a lock).
      applicationName: `counterfoil-hub ${hostname()}:${process.pid}`.slice(0, 63),
    });
    try {
      const applied = await migrate(db, migrations);
      if (applied.length > 0) log(`database migrated: ${applied.map((m) => m.name).join(', ')}`);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    const where = new URL(options.databaseUrl);
    return {
      sql: db,
      describe: `PostgreSQL at ${where.host}${where.pathname}`,
      close: () => db.close(),
    };
  }
  const dir = resolve(options.dataDir);
  // A new data directory starts as a copy of the migrated template (no initdb: cold start).
  const { db, applied } = await openMigratedPglite({ dataDir: dir, migrations, log });
  if (applied.length > 0) log(`database migrated: ${applied.map((m) => m.name).join(', ')}`);
  return { sql: db, describe: `embedded PGlite in ${dir}`, close: () => db.close() };
}
