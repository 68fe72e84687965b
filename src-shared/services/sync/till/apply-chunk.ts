import type { SqlPort } from '#shared/sql/port';
import type { TableChunk } from '#shared/sync/protocol';
import { tableColumns, type SyncedTable } from '#shared/sync/tables';
import { isUniqueViolation } from '../../shared/errors';
import { rowsToCopyBinary } from './copy-binary';
import { binaryTypesOf, chunkRows, copyBytes, type PulledChunk } from './copy-chunk';
import { rowsToCopyCsv } from './copy-rows';
import { childDeletes, snapshotDeletes, upsertQueries } from './upsert-sql';

/** Applies chunks parents first, so every foreign key finds its row in the same transaction. */
const order: readonly SyncedTable[] = [
  'org_entities',
  'org_settings',
  'currency_rates',
  'users',
  'offers',
  'offer_store_tags',
  'offer_sync_scope',
  'customers',
  'coupons',
  'redemptions',
];

/**
 * Pulled rows are the hub's, already consistent: like a logical-replication worker, the till
 * applies its big tables (customers, coupons, redemptions) with triggers and foreign-key checks
 * off, for that statement's table only — they would double the cost of a first pull of a
 * million coupons and check nothing the hub has not. A table that carries a trigger someone
 * else added (a derived table to keep in step, say) is applied normally instead; so are the
 * small tables (offers feed the offer list through a trigger).
 */
const replicaCandidates = new Set<SyncedTable>(['customers', 'coupons', 'redemptions']);
const ownTriggers = new Set([
  'customers_hub_xid',
  'coupons_hub_xid',
  'redemptions_hub_xid',
  'customers_keep_coupons',
]);

const replicaSafeTables = async (tx: SqlPort): Promise<Set<string>> => {
  const rows = await tx.query<{ table_name: string; tgname: string }>(
    `SELECT c.relname AS table_name, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relname = ANY($1::text[])`,
    [[...replicaCandidates]],
  );
  const unsafe = new Set(rows.filter((r) => !ownTriggers.has(r.tgname)).map((r) => r.table_name));
  return new Set([...replicaCandidates].filter((t) => !unsafe.has(t)));
};

/** Applies chunks in order, switching trigger mode only where it changes. */
const bulkTables = new Set<SyncedTable>(['customers', 'coupons', 'redemptions']);

export const applyChunks = async (
  tx: SqlPort,
  chunks: readonly PulledChunk[],
  bulk: boolean,
): Promise<void> => {
  const safe = await replicaSafeTables(tx);
  let mode = 'origin';
  for (const c of chunks) {
    const want = safe.has(c.table) ? 'replica' : 'origin';
    if (want !== mode) {
      await tx.query(
        want === 'replica'
          ? 'SET LOCAL session_replication_role = replica'
          : 'SET LOCAL session_replication_role = origin',
      );
      mode = want;
    }
    await applyChunk(tx, c, bulk);
  }
  if (mode !== 'origin') await tx.query('SET LOCAL session_replication_role = origin');
};

export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

const checkChunk = (chunk: TableChunk): SyncedTable => {
  const table = order.find((t) => t === chunk.table);
  if (!table)
    throw new SchemaMismatchError(
      `the hub sent rows of table ${chunk.table}, which a till does not keep`,
    );
  const expected = tableColumns[table];
  if (chunk.columns.length !== expected.length || chunk.columns.some((c, i) => c !== expected[i])) {
    throw new SchemaMismatchError(
      `the hub's columns for ${table} (${chunk.columns.join(', ')}) differ from this till's; update the till`,
    );
  }
  return table;
};

export const idColumn = (chunk: PulledChunk): string[] =>
  chunkRows(chunk.table as SyncedTable, chunk, [0]).map((r) => String(r[0]));

const binaryPayload = (table: SyncedTable, rows: readonly unknown[][]): Uint8Array | null => {
  const types = binaryTypesOf(table);
  return types ? rowsToCopyBinary(rows, types) : null;
};

/**
 * Applies one chunk of pulled rows. `bulk` (a first pull, into a till that has none of these
 * rows) loads the big tables with COPY — binary where the port has it and every value encodes
 * (see copy-binary.ts), CSV otherwise — instead of an INSERT over a jsonb parameter, which
 * parses the whole page as jsonb and every value again as text; it falls back to the upsert,
 * inside a savepoint, when a row turns out to exist.
 */
export async function applyChunk(tx: SqlPort, chunk: PulledChunk, bulk = false): Promise<void> {
  const table = checkChunk(chunk);
  // A binary COPY chunk from the hub goes in as it came; its rows are read only if needed.
  const passed = copyBytes(chunk);
  if (
    bulk &&
    chunk.mode === 'upsert' &&
    bulkTables.has(table) &&
    (passed !== null || chunk.rows.length > 0)
  ) {
    const columns = [...tableColumns[table], 'hub_xid'];
    const binary = !tx.copyFromBinary ? null : (passed ?? binaryPayload(table, chunk.rows));
    await tx.query('SAVEPOINT sync_bulk');
    try {
      if (binary && tx.copyFromBinary) await tx.copyFromBinary(table, columns, binary);
      else
        await tx.copyFrom(
          table,
          columns,
          rowsToCopyCsv(chunkRows(table, chunk), columns.length - 1),
        );
      await tx.query('RELEASE SAVEPOINT sync_bulk');
      return;
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT sync_bulk');
      await tx.query('RELEASE SAVEPOINT sync_bulk');
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const values = chunkRows(table, chunk);
  const rows = JSON.stringify(values);
  if (chunk.mode === 'snapshot') {
    for (const sql of snapshotDeletes[table] ?? []) await tx.query(sql, [rows]);
  }
  if (chunk.mode === 'children' && (table === 'offer_store_tags' || table === 'offer_sync_scope')) {
    await tx.query(childDeletes[table], [chunk.parentIds]);
  }
  if (values.length > 0) await tx.query(upsertQueries[table], [rows]);
}

/** The chunks in the order they apply: parents first. */
export const parentsFirst = <C extends { table: string }>(chunks: readonly C[]): C[] =>
  [...chunks].sort(
    (a, b) => order.indexOf(a.table as SyncedTable) - order.indexOf(b.table as SyncedTable),
  );
