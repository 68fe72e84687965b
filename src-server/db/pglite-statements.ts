import { parse, protocol, type PGlite } from '@electric-sql/pglite';

/**
 * Named prepared statements for PGlite. `PGlite.query()` parses and plans every call afresh and
 * talks to the WASM backend five times (parse, describe, bind, describe, execute); on the till's
 * hot path (validate, redeem: a handful of small indexed statements) that was most of the time,
 * planning a 4-way join costing 0.4 ms against 0.07 ms to run it (bench/suites/till-hot-path.ts).
 * Here each distinct SQL text is parsed once under its own name, its parameter types kept, and
 * every later call is one round trip: bind + describe + execute + sync in one buffer, the plan
 * cached by PostgreSQL (and re-planned by it when a table it uses changes).
 *
 * Values are serialized exactly as PGlite's own query() does (its serializers by parameter
 * type), and rows parsed with the instance's parsers, so results are the same shape.
 */
export type StatementCache = {
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
};

/** SQL texts are code constants; past this many, new texts just run unprepared. */
const MAX_STATEMENTS = 1000;

type Prepared = { name: string; types: number[] };

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A plan whose result columns changed under it (DDL since it was prepared): prepare again. */
const isStalePlan = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === '0A000' &&
  /cached plan must not change result type/.test(String((error as Error).message));

export function createStatementCache(db: PGlite): StatementCache {
  const statements = new Map<string, Prepared>();
  let counter = 0;
  const { serialize } = protocol;

  const prepare = async (text: string): Promise<Prepared> => {
    const name = `cf_${++counter}`;
    const messages = await db.execProtocolStream(
      concat([
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const prepared = { name, types: parse.parseDescribeStatementResults(messages) };
    statements.set(text, prepared);
    return prepared;
  };

  const run = async <T>(prepared: Prepared, params: readonly unknown[]): Promise<T[]> => {
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = db.serializers[prepared.types[i] as number];
      return serializer ? serializer(param) : String(param);
    });
    const messages = await db.execProtocolStream(
      concat([
        serialize.bind({ statement: prepared.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const results = parse.parseResults(messages, db.parsers);
    return (results[0]?.rows ?? []) as T[];
  };

  return {
    async query<T>(text: string, params: readonly unknown[]): Promise<T[]> {
      let prepared = statements.get(text);
      if (!prepared) {
        if (statements.size >= MAX_STATEMENTS) {
          return (await db.query<T>(text, params as unknown[])).rows;
        }
        prepared = await prepare(text);
      }
      try {
        return await run<T>(prepared, params);
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        statements.delete(text);
        return run<T>(await prepare(text), params);
      }
    },
  };
}
