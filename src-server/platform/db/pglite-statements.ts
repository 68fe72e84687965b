import { protocol, types, type PGlite } from '@electric-sql/pglite';
import { isStalePlan } from './stale-plan';

/**
 * Named prepared statements for PGlite. `PGlite.query()` parses and plans every call afresh and
 * talks to the WASM backend five times (parse, describe, bind, describe, execute); on the till's
 * hot path (validate, redeem: a handful of small indexed statements) that was most of the time,
 * planning a 4-way join costing 0.4 ms against 0.07 ms to run it (bench/suites/till-hot-path.ts).
 * Here each distinct SQL text is parsed once under its own name, its parameter types and result
 * columns kept, and every later call is one round trip: bind + execute + sync in one buffer, the
 * plan cached by PostgreSQL (and re-planned by it when a table it uses changes). The result
 * columns are described once, at prepare time, not on every call: decoding the per-call
 * RowDescription (every column name, byte by byte) and PGlite's generic result assembly cost
 * more JS time than the data rows themselves on the till's hot path. They cannot go stale: a
 * plan whose result columns changed fails ("cached plan must not change result type") and is
 * prepared again.
 *
 * Values are serialized exactly as PGlite's own query() does (its serializers by parameter
 * type), and fields parsed as its parseResults does (the instance's parsers, then PGlite's
 * defaults, else the text), so results are the same shape.
 */
export type StatementCache = {
  /**
   * Runs one statement. `before` (a serialized simple query, e.g. BEGIN) goes in the same
   * round trip, ahead of it: a transaction's BEGIN then costs no call of its own.
   */
  query<T>(text: string, params: readonly unknown[], before?: Uint8Array): Promise<T[]>;
  /** A simple-protocol command (BEGIN, COMMIT, ROLLBACK) in one round trip; its command tag. */
  command(text: string): Promise<string | null>;
};

/** The bytes of a simple-protocol query, for StatementCache.query's `before`. */
export const simpleQuery = (text: string): Uint8Array => protocol.serialize.query(text);

/** SQL texts are code constants; past this many, new texts just run unprepared. */
const MAX_STATEMENTS = 1000;

type Column = { name: string; parse: ((text: string, oid: number) => unknown) | null; oid: number };
type Prepared = { name: string; types: number[]; columns: Column[] };

type Message = { name: string; dataTypeIDs?: number[]; fields?: unknown[] };

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

const defaultParsers = types.parsers as unknown as Record<number, Column['parse']>;

export function createStatementCache(db: PGlite): StatementCache {
  const statements = new Map<string, Prepared>();
  let counter = 0;
  const { serialize } = protocol;

  const prepare = async (text: string, before: Uint8Array | undefined): Promise<Prepared> => {
    const name = `cf_${++counter}`;
    const messages = await db.execProtocolStream(
      concat([
        ...(before ? [before] : []),
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    let paramTypes: number[] = [];
    let columns: Column[] = [];
    for (const m of messages as Message[]) {
      if (m.name === 'parameterDescription') paramTypes = m.dataTypeIDs ?? [];
      else if (m.name === 'rowDescription') {
        columns = (m.fields as { name: string; dataTypeID: number }[]).map((f) => ({
          name: f.name,
          oid: f.dataTypeID,
          parse: parserOf(f.dataTypeID),
        }));
      }
    }
    const prepared = { name, types: paramTypes, columns };
    statements.set(text, prepared);
    return prepared;
  };

  const parserOf = (oid: number): Column['parse'] =>
    (db.parsers as Record<number, Column['parse']>)[oid] ?? defaultParsers[oid] ?? null;

  const run = async <T>(
    prepared: Prepared,
    params: readonly unknown[],
    before: Uint8Array | undefined,
  ): Promise<T[]> => {
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = db.serializers[prepared.types[i] as number];
      return serializer ? serializer(param) : String(param);
    });
    const messages = await db.execProtocolStream(
      concat([
        ...(before ? [before] : []),
        serialize.bind({ statement: prepared.name, values }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const { columns } = prepared;
    const rows: T[] = [];
    for (const m of messages as Message[]) {
      if (m.name !== 'dataRow') continue;
      const fields = m.fields as (string | null)[];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as Column;
        const text = fields[i] ?? null;
        row[column.name] =
          text === null ? null : column.parse === null ? text : column.parse(text, column.oid);
      }
      rows.push(row as T);
    }
    return rows;
  };

  const command = async (text: string): Promise<string | null> => {
    const messages = await db.execProtocolStream(serialize.query(text), { syncToFs: false });
    let tag: string | null = null;
    for (const m of messages as Message[]) {
      if (m.name === 'commandComplete') tag = (m as unknown as { text: string }).text;
    }
    return tag;
  };

  return {
    command,
    async query<T>(text: string, params: readonly unknown[], before?: Uint8Array): Promise<T[]> {
      let prepared = statements.get(text);
      if (!prepared) {
        if (statements.size >= MAX_STATEMENTS) {
          if (before) await db.execProtocolStream(before, { syncToFs: false });
          return (await db.query<T>(text, params as unknown[])).rows;
        }
        prepared = await prepare(text, before);
        before = undefined;
      }
      try {
        return await run<T>(prepared, params, before);
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        statements.delete(text);
        return run<T>(await prepare(text, undefined), params, undefined);
      }
    },
  };
}
