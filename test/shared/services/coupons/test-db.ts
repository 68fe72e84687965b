/**
 * Databases for the coupon, upload, revoke and redemption service tests. PGlite comes from the
 * shared services support; the PostgreSQL port here adds what that one leaves out and these
 * services need: COPY FROM STDIN (bulk issuance) and a pool wide enough for concurrent redeems.
 * Same value shapes as the hosts: timestamptz → ISO Z string, numeric → string, int8 → number.
 */
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { describe } from 'vitest';
import { migrations } from '../../../../src-shared/sql/migrations/index';
import type { SqlPort } from '../../../../src-shared/sql/port';
import { freshPglite, postgresUrl, type Dialect, type TestDb } from '../support/db';

export type { Dialect, TestDb };

async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<number> {
  const stream = client.query(
    copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    stream.end(csv);
  });
  return Number(stream.rowCount ?? 0);
}

function pgPort(pool: pg.Pool): SqlPort {
  const make = (client: pg.Pool | pg.PoolClient, tx: pg.PoolClient | null): SqlPort => {
    const port: SqlPort = {
      dialect: 'postgres',
      async query(text, params) {
        const r = await client.query(text, params ? [...params] : []);
        return r.rows;
      },
      async exec(text) {
        await client.query(text);
      },
      async transaction(fn) {
        if (tx) return fn(port);
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const out = await fn(make(c, c));
          await c.query('COMMIT');
          return out;
        } catch (e) {
          await c.query('ROLLBACK');
          throw e;
        } finally {
          c.release();
        }
      },
      async copyFrom(table, columns, csv) {
        if (tx) return copyInto(tx, table, columns, csv);
        const c = await pool.connect();
        try {
          return await copyInto(c, table, columns, csv);
        } finally {
          c.release();
        }
      },
    };
    return port;
  };
  return make(pool, null);
}

let schemaSeq = 0;

export async function freshPostgresWithCopy(): Promise<TestDb> {
  const url = postgresUrl();
  if (!url) throw new Error('Set TEST_DATABASE_URL to run the PostgreSQL tests');
  const schema = `sb_${process.pid}_${Date.now().toString(36)}_${schemaSeq++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 24, options: `-c search_path=${schema}` });
  const sql = pgPort(pool);
  for (const m of migrations) await sql.exec(m.sql);
  return {
    sql,
    close: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

export const freshDb = (dialect: Dialect): Promise<TestDb> =>
  dialect === 'pglite' ? freshPglite() : freshPostgresWithCopy();

/** Runs the suite once per dialect; PostgreSQL only when a server is configured. */
export function eachDialect(name: string, fn: (dialect: Dialect) => void): void {
  for (const dialect of ['pglite', 'postgres'] as const) {
    describe.skipIf(dialect === 'postgres' && !postgresUrl())(`${name} [${dialect}]`, () =>
      fn(dialect),
    );
  }
}
