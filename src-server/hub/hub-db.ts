import { resolve } from 'node:path';
import { migrate } from '../../src-shared/sql/migrate';
import { migrations } from '../../src-shared/sql/migrations/index';
import type { SqlPort } from '../../src-shared/sql/port';
import { openPostgres } from '../db/pg-port';
import { openPglite } from '../db/pglite-port';

export type HubDb = { sql: SqlPort; describe: string; close(): Promise<void> };

/**
 * The hub's authoritative store: a PostgreSQL server when a URL is given, else an embedded
 * PGlite data directory (locked to this process). Migrated before anything else runs.
 */
export async function openHubDb(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<HubDb> {
  const log = options.log ?? (() => undefined);
  if (options.databaseUrl) {
    const db = openPostgres({
      connectionString: options.databaseUrl,
      max: 20,
      applicationName: 'counterfoil-hub',
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
  const db = await openPglite({ dataDir: dir });
  try {
    const applied = await migrate(db, migrations);
    if (applied.length > 0) log(`database migrated: ${applied.map((m) => m.name).join(', ')}`);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return { sql: db, describe: `embedded PGlite in ${dir}`, close: () => db.close() };
}
