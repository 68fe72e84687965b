import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { SqlPort, SqlRow } from '#shared/sql/port';
import { copyStatement } from './copy-sql';
import { isStalePlan } from './stale-plan';
import { SESSION_SETTINGS, normalizeParam, valueParserFor } from './value-shapes';

export type PostgresOpenOptions = {
  connectionString: string;
  /** Pool size. Default 10. */
  max?: number;
  /** Extra server options (e.g. '-c search_path=x'); the session settings are always added. */
  options?: string;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
};

export type PostgresDb = SqlPort & {
  /** Ends the pool; waits for checked-out clients to be released. Idempotent. */
  close(): Promise<void>;
};

/** Text-format results go through the shared table; binary (never requested) keeps pg's own. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    format === 'binary'
      ? pg.types.getTypeParser(oid, 'binary')
      : valueParserFor(oid)) as pg.CustomTypesConfig['getTypeParser'],
};

/** `-c name=value` per setting; spaces escaped as the startup packet parser expects. */
const sessionOptions = Object.entries(SESSION_SETTINGS)
  .map(([name, value]) => `-c ${name}=${value.replace(/ /g, '\\ ')}`)
  .join(' ');

async function copyInto(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<number> {
  const stream = client.query(copyFromStdin(copyStatement(table, columns, 'STDIN')));
  await pipeline(Readable.from([Buffer.from(csv, 'utf8')]), stream);
  return stream.rowCount;
}

async function copyOut(
  client: pg.ClientBase,
  select: string,
): Promise<{ base64: string; rows: number }> {
  const stream = client.query(copyToStdout(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`));
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return { base64: Buffer.concat(parts).toString('base64'), rows: stream.rowCount };
}

/**
 * Statements with parameters run as named prepared statements, one name per text (the texts
 * are code constants, so there are a few hundred at most). Each connection then parses and
 * analyzes a statement once, and PostgreSQL may settle on a generic plan, instead of doing
 * both for every call: the hub's redeem and validate statements are long joins whose planning
 * cost more than their execution (bench `hub`).
 */
const statementNames = new Map<string, string>();
let statementCount = 0;
const nameFor = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `cf${++statementCount}`;
    statementNames.set(text, name);
  }
  return name;
};
const queryConfig = (text: string, params: readonly unknown[]): pg.QueryConfig => {
  const values = params.map(normalizeParam);
  return values.length === 0 ? { text, values } : { name: nameFor(text), text, values };
};

/**
 * A statement whose plan went stale (another hub process migrated the database since it was
 * prepared) forgets its name, so the next call names it anew and every connection prepares it
 * afresh; a statement outside a transaction is run again at once, one inside fails its
 * transaction this once.
 */
const renew = (text: string): void => {
  statementNames.delete(text);
};

/**
 * The SqlPort over a node-postgres pool (the hub on a PostgreSQL server). Statements outside
 * a transaction take any pooled connection; a transaction checks out one client for its whole
 * life, and nested transaction() calls join it.
 */
export function openPostgres(options: PostgresOpenOptions): PostgresDb {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    options: [sessionOptions, options.options ?? ''].join(' ').trim(),
    application_name: options.applicationName ?? 'counterfoil',
    types,
  });
  // An idle client losing its connection (server restart) must not crash the process; the
  // pool drops it and the next checkout connects afresh.
  pool.on('error', (error) => {
    console.error('PostgreSQL idle connection error:', error.message);
  });

  /**
   * The port handed to a transaction's fn. Once the transaction has ended its client is back
   * in the pool, possibly inside someone else's transaction, so a leaked tx port must fail.
   */
  const clientPort = (client: pg.PoolClient, isOpen: () => boolean): SqlPort => {
    const live = (): pg.PoolClient => {
      if (!isOpen()) {
        throw new Error('This transaction has ended; its tx port can no longer be used.');
      }
      return client;
    };
    const port: SqlPort = {
      dialect: 'postgres',
      async query<T extends SqlRow>(text: string, params: readonly unknown[] = []) {
        try {
          return (await live().query<T>(queryConfig(text, params))).rows;
        } catch (error) {
          if (isStalePlan(error)) renew(text);
          throw error;
        }
      },
      async exec(text) {
        await live().query(text);
      },
      transaction: (fn) => fn(port),
      copyFrom: async (table, columns, csv) => copyInto(live(), table, columns, csv),
      copyOutBase64: async (select) => copyOut(live(), select),
    };
    return port;
  };

  const withClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };

  let closing: Promise<void> | null = null;

  return {
    dialect: 'postgres',
    async query<T extends SqlRow>(text: string, params: readonly unknown[] = []) {
      try {
        return (await pool.query<T>(queryConfig(text, params))).rows;
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        renew(text);
        return (await pool.query<T>(queryConfig(text, params))).rows;
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      let open = true;
      try {
        await client.query('BEGIN');
        const result = await fn(clientPort(client, () => open));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable; destroy it rather than return it to the pool.
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        open = false;
        client.release(broken);
      }
    },
    copyFrom: (table, columns, csv) =>
      withClient((client) => copyInto(client, table, columns, csv)),
    copyOutBase64: (select) => withClient((client) => copyOut(client, select)),
    async session(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await fn({
          query: async <T extends SqlRow>(text: string, params: readonly unknown[] = []) =>
            (await client.query<T>(text, params.map(normalizeParam))).rows,
        });
      } finally {
        // A pooled connection must not carry this session's locks to its next user; one that
        // cannot drop them is closed instead, which drops them too.
        try {
          await client.query('SELECT pg_advisory_unlock_all()');
        } catch (error) {
          broken = error as Error;
        }
        client.release(broken);
      }
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
