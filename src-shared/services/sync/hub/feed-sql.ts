import type { SqlPort, SqlRow } from '../../../sql/port';
import { tableColumns, type SyncedTable, type FeedTable } from '../../../sync/tables';
import type { TableChunk } from '../../../sync/protocol';

/**
 * SQL text for the change feed, built once from the code constants in sync/tables.ts (never
 * from request data; every value is a $n parameter).
 */

/** bytea travels as hex; everything else as the adapters return it. */
const selectExpr = (column: string): string =>
  column === 'series_key' ? `encode(t.series_key, 'hex') AS series_key` : `t.${column}`;

export const selectList = (table: SyncedTable): string =>
  tableColumns[table].map(selectExpr).join(', ');

/** Rows → the compact chunk form: arrays in the shared column order. */
export const toChunk = (
  table: SyncedTable,
  mode: TableChunk['mode'],
  rows: readonly SqlRow[],
  parentIds: string[] = [],
): TableChunk => {
  const columns = tableColumns[table];
  return {
    table,
    mode,
    columns: [...columns],
    rows: rows.map((row) => columns.map((c) => row[c] ?? null)),
    parentIds,
  };
};

/** Whether a feed row is for this till ($4 = visible offer ids). */
const visibility: Record<FeedTable, string> = {
  offers: '$4::text[] IS NOT NULL',
  customers:
    'EXISTS (SELECT 1 FROM coupons c WHERE c.customer_id = t.id AND c.offer_id = ANY($4::text[]))',
  coupons: 't.offer_id = ANY($4::text[])',
  redemptions: 't.offer_id = ANY($4::text[])',
};

/**
 * Three forms per table, by where the table stands relative to the cursor's table: before it
 * (this xid was served already: strictly newer), at it (resume after the key) or after it (this
 * xid not yet served: from it). $1 cursor xid, $2 cursor key, $3 horizon, $4 visible offers,
 * $5 limit. Rows are scanned in index order whether or not this till may see them (the flag
 * says), so a page costs O(limit) whatever the table holds; the cursor moves past rows that are
 * not for this till.
 */
const feedSql = (table: FeedTable, position: 'before' | 'at' | 'after'): string => {
  const from =
    position === 'before'
      ? 't.hub_xid > $1::bigint AND $2::text IS NOT NULL'
      : position === 'at'
        ? `(t.hub_xid, t.id COLLATE "C") > ($1::bigint, $2::text COLLATE "C")`
        : 't.hub_xid >= $1::bigint AND $2::text IS NOT NULL';
  return `SELECT ${selectList(table)}, t.hub_xid AS feed_xid, (${visibility[table]}) AS feed_visible
    FROM ${table} t
   WHERE ${from} AND t.hub_xid < $3::bigint
   ORDER BY t.hub_xid, t.id COLLATE "C" LIMIT $5`;
};

export const feedQueries: Record<FeedTable, Record<'before' | 'at' | 'after', string>> = {
  offers: {
    before: feedSql('offers', 'before'),
    at: feedSql('offers', 'at'),
    after: feedSql('offers', 'after'),
  },
  customers: {
    before: feedSql('customers', 'before'),
    at: feedSql('customers', 'at'),
    after: feedSql('customers', 'after'),
  },
  coupons: {
    before: feedSql('coupons', 'before'),
    at: feedSql('coupons', 'at'),
    after: feedSql('coupons', 'after'),
  },
  redemptions: {
    before: feedSql('redemptions', 'before'),
    at: feedSql('redemptions', 'at'),
    after: feedSql('redemptions', 'after'),
  },
};

/** Current rows by id, for the rows a page depends on. */
const byIdSql = (table: 'offers' | 'customers' | 'coupons'): string =>
  `SELECT ${selectList(table)} FROM ${table} t WHERE t.id = ANY($1::text[])`;
const byIdQueries = {
  offers: byIdSql('offers'),
  customers: byIdSql('customers'),
  coupons: byIdSql('coupons'),
};

export const rowsById = async (
  sql: SqlPort,
  table: 'offers' | 'customers' | 'coupons',
  ids: readonly string[],
): Promise<SqlRow[]> => (ids.length === 0 ? [] : sql.query(byIdQueries[table], [ids]));

const childSql = (table: 'offer_store_tags' | 'offer_sync_scope'): string =>
  `SELECT ${selectList(table)} FROM ${table} t WHERE t.offer_id = ANY($1::text[]) ORDER BY t.offer_id`;
const childQueries = {
  offer_store_tags: childSql('offer_store_tags'),
  offer_sync_scope: childSql('offer_sync_scope'),
};

export const childRows = async (
  sql: SqlPort,
  table: 'offer_store_tags' | 'offer_sync_scope',
  offerIds: readonly string[],
): Promise<SqlRow[]> => (offerIds.length === 0 ? [] : sql.query(childQueries[table], [offerIds]));

/** Small tables, whole (users: only those who may work at this store). */
export const snapshotQueries = {
  org_entities: `SELECT ${selectList('org_entities')} FROM org_entities t ORDER BY t.id`,
  org_settings: `SELECT ${selectList('org_settings')} FROM org_settings t ORDER BY t.key`,
  currency_rates: `SELECT ${selectList('currency_rates')} FROM currency_rates t`,
  users: `SELECT ${selectList('users')} FROM users t
           WHERE t.store_ids IS NULL OR jsonb_typeof(t.store_ids) = 'null'
              OR t.store_ids @> to_jsonb(ARRAY[$1::text])`,
} as const;

/** An offer's older rows for a backfill: $1 offer, $2 max xid, $3 after key, $4 limit. */
export const backfillQueries = {
  coupons: `SELECT ${selectList('coupons')} FROM coupons t
   WHERE t.offer_id = $1 AND t.hub_xid <= $2::bigint AND t.id COLLATE "C" > $3::text COLLATE "C"
   ORDER BY t.id COLLATE "C" LIMIT $4`,
  redemptions: `SELECT ${selectList('redemptions')} FROM redemptions t
   WHERE t.offer_id = $1 AND t.hub_xid <= $2::bigint AND t.id COLLATE "C" > $3::text COLLATE "C"
   ORDER BY t.id COLLATE "C" LIMIT $4`,
} as const;

/**
 * Every feed and backfill query walks an index in order and stops at its LIMIT. Without table
 * statistics (an embedded PGlite hub never autovacuums) the planner would rather sort the
 * whole table each page; these settings, for the pull's transaction only, keep it on the index.
 */
export const preferIndexOrder = async (tx: SqlPort): Promise<void> => {
  await tx.query('SET LOCAL enable_seqscan = off');
  await tx.query('SET LOCAL enable_bitmapscan = off');
  await tx.query('SET LOCAL enable_sort = off');
};
