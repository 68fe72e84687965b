/**
 * Test databases for the services: a fresh migrated PGlite, and — when TEST_DATABASE_URL (or
 * DATABASE_URL) points at a PostgreSQL server — a fresh schema on it, both behind the same
 * SqlPort value shapes the host adapters promise (timestamptz → ISO string with Z, numeric →
 * string, int8 → number, jsonb → object, date → 'YYYY-MM-DD').
 */
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { describe } from 'vitest';
import type { SqlPort } from '../../../../src-shared/sql/port';
import { migrations } from '../../../../src-shared/sql/migrations/index';

export type Dialect = 'pglite' | 'postgres';
export type TestDb = { sql: SqlPort; close: () => Promise<void> };

const iso = (v: string): string =>
  new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();

async function migrate(sql: SqlPort): Promise<void> {
  for (const m of migrations) await sql.exec(m.sql);
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function pglitePort(db: PGlite): SqlPort {
  const parsers = {
    [pgliteTypes.TIMESTAMPTZ]: (v: string) => iso(v),
    [pgliteTypes.DATE]: (v: string) => v,
    [pgliteTypes.NUMERIC]: (v: string) => v,
    [pgliteTypes.INT8]: (v: string) => Number(v),
  };
  const make = (conn: PgliteLike, inTx: boolean): SqlPort => {
    const port: SqlPort = {
      dialect: 'pglite',
      async query(text, params) {
        const r = await conn.query(text, params ? [...params] : [], { parsers });
        return r.rows as never;
      },
      async exec(text) {
        await conn.exec(text);
      },
      async transaction(fn) {
        if (inTx) return fn(port);
        return db.transaction((tx) => fn(make(tx, true)));
      },
      async copyFrom(table, columns, csv) {
        const blob = new Blob([csv]);
        const r = await conn.query(
          `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
          [],
          { blob },
        );
        return r.affectedRows ?? 0;
      },
    };
    return port;
  };
  return make(db, false);
}

pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, iso);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

function pgPort(pool: pg.Pool): SqlPort {
  const make = (client: pg.Pool | pg.PoolClient, inTx: boolean): SqlPort => {
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
        if (inTx) return fn(port);
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const out = await fn(make(c, true));
          await c.query('COMMIT');
          return out;
        } catch (e) {
          await c.query('ROLLBACK');
          throw e;
        } finally {
          c.release();
        }
      },
      async copyFrom() {
        throw new Error('copyFrom is not needed by these tests');
      },
    };
    return port;
  };
  return make(pool, false);
}

export async function freshPglite(): Promise<TestDb> {
  const db = await PGlite.create();
  const sql = pglitePort(db);
  await migrate(sql);
  return { sql, close: () => db.close() };
}

export const postgresUrl = (): string | undefined =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

let schemaSeq = 0;
export async function freshPostgres(): Promise<TestDb> {
  const url = postgresUrl();
  if (!url) throw new Error('Set TEST_DATABASE_URL to run the PostgreSQL tests');
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemaSeq++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const sql = pgPort(pool);
  await migrate(sql);
  return {
    sql,
    close: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

export const freshDb = (dialect: Dialect): Promise<TestDb> =>
  dialect === 'pglite' ? freshPglite() : freshPostgres();

/** Runs the suite once per dialect; PostgreSQL only when a server is configured. */
export function eachDialect(name: string, fn: (dialect: Dialect) => void): void {
  for (const dialect of ['pglite', 'postgres'] as const) {
    describe.skipIf(dialect === 'postgres' && !postgresUrl())(`${name} [${dialect}]`, () =>
      fn(dialect),
    );
  }
}
