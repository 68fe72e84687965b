import type { SqlPort } from '#shared/sql/port';
import type { TableChunk } from '#shared/sync/protocol';
import { tableColumns, type FeedTable, type SyncedTable } from '#shared/sync/tables';

/**
 * SQL text for the change feed, built once from the code constants in sync/tables.ts (never
 * from request data; every value is a $n parameter). Rows leave the database already encoded
 * as JSON arrays in the shared column order (one text value per page): decoding thousands of
 * rows through the driver costs far more than the query itself.
 */

/** Values exact on the wire: money and rates as decimal strings, bytea as hex. */
const textColumns = new Set(['bill_amount', 'discount', 'rate']);
const jsonExpr = (column: string): string =>
  column === 'series_key'
    ? `encode(t.series_key, 'hex')`
    : textColumns.has(column)
      ? `t.${column}::text`
      : `t.${column}`;

/** One row as a JSON array in the shared column order. */
export const rowJson = (table: SyncedTable): string =>
  `json_build_array(${tableColumns[table].map(jsonExpr).join(', ')})`;

/** Parses the text a `json_agg` column answered (null when no row matched). */
export const rowsOf = (text: unknown): unknown[][] =>
  typeof text === 'string' ? (JSON.parse(text) as unknown[][]) : [];

export const chunk = (
  table: SyncedTable,
  mode: TableChunk['mode'],
  rows: unknown[][],
  parentIds: string[] = [],
): TableChunk => ({ table, mode, columns: [...tableColumns[table]], rows, parentIds });

/** Whether a feed row is for this till ($3 = visible offer ids). */
const visibility: Record<FeedTable, string> = {
  offers: 't.id = ANY($3::text[])',
  customers:
    'EXISTS (SELECT 1 FROM coupons c WHERE c.customer_id = t.id AND c.offer_id = ANY($3::text[]))',
  coupons: 't.offer_id = ANY($3::text[])',
  redemptions: 't.offer_id = ANY($3::text[])',
};

type Position = 'before' | 'at' | 'after';

/**
 * Where a table's rows start, by where it stands relative to the cursor's table: before it
 * (this xid was served already: strictly newer), at it (resume after the key) or after it (this
 * xid not yet served: from it). $1 cursor xid, $2 cursor key.
 */
const fromCursor = (position: Position): string =>
  // "hub_xid > 0" lets the planner use the partial feed index (migration 0006).
  position === 'before'
    ? 't.hub_xid > 0 AND t.hub_xid > $1::bigint AND $2::text IS NOT NULL'
    : position === 'at'
      ? `t.hub_xid > 0 AND (t.hub_xid, t.id COLLATE "C") > ($1::bigint, $2::text COLLATE "C")`
      : 't.hub_xid > 0 AND t.hub_xid >= $1::bigint AND $2::text IS NOT NULL';

/**
 * Step 1, positions: the next rows of a table in feed order, whoever may see them, up to the
 * horizon ($3) and the limit ($4). An index walk that stops at the limit: O(limit) per page.
 */
const positionsSql = (table: FeedTable, position: Position): string =>
  `SELECT t.hub_xid AS x, t.id AS k FROM ${table} t
    WHERE ${fromCursor(position)} AND t.hub_xid < $3::bigint
    ORDER BY t.hub_xid, t.id COLLATE "C" LIMIT $4`;

const references: Record<FeedTable, string> = {
  offers: `array_agg(t.id) FILTER (WHERE NOT (${visibility.offers})) AS removed,
           array_agg(t.id) FILTER (WHERE ${visibility.offers}) AS offer_ids`,
  customers: 'NULL::text[] AS removed',
  // Only the offers a page depends on travel with it (see pageChunks): aggregating its
  // customer and coupon ids too sorted every page's ids again for nothing.
  coupons: `array_agg(DISTINCT t.offer_id) FILTER (WHERE ${visibility.coupons}) AS offer_ids`,
  redemptions: `array_agg(DISTINCT t.offer_id) FILTER (WHERE ${visibility.redemptions}) AS offer_ids`,
};

/**
 * Step 2, rows: the first $4 rows of the table after the cursor (the ones step 1 took), below
 * the horizon ($5), walked in index order again; the visible ones as one JSON text, plus the
 * ids they reference (for the rows they depend on).
 */
const rowsSql = (table: FeedTable, position: Position): string =>
  `WITH page AS MATERIALIZED (
     SELECT * FROM ${table} t
      WHERE ${fromCursor(position)} AND t.hub_xid < $5::bigint
      ORDER BY t.hub_xid, t.id COLLATE "C" LIMIT $4)
   SELECT json_agg(${rowJson(table)} ORDER BY t.hub_xid, t.id COLLATE "C")
            FILTER (WHERE ${visibility[table]})::text AS rows,
          ${references[table]}
     FROM page t`;

const byPosition =
  <T>(make: (table: FeedTable, position: Position) => T) =>
  (table: FeedTable) => ({
    before: make(table, 'before'),
    at: make(table, 'at'),
    after: make(table, 'after'),
  });

const tables = (['offers', 'customers', 'coupons', 'redemptions'] as const).map(
  (t) => [t, t] as const,
);
export const feedPositions = Object.fromEntries(
  tables.map(([t]) => [t, byPosition(positionsSql)(t)]),
) as Record<FeedTable, Record<Position, string>>;
export const feedRows = Object.fromEntries(
  tables.map(([t]) => [t, byPosition(rowsSql)(t)]),
) as Record<FeedTable, Record<Position, string>>;

/** Current rows by id, for the rows a page depends on. */
const byIdSql = (table: 'offers' | 'customers' | 'coupons'): string =>
  `SELECT json_agg(${rowJson(table)})::text AS rows FROM ${table} t WHERE t.id = ANY($1::text[])`;
const byIdQueries = {
  offers: byIdSql('offers'),
  customers: byIdSql('customers'),
  coupons: byIdSql('coupons'),
};

export const rowsById = async (
  sql: SqlPort,
  table: 'offers' | 'customers' | 'coupons',
  ids: readonly string[],
): Promise<unknown[][]> =>
  ids.length === 0 ? [] : rowsOf((await sql.query(byIdQueries[table], [ids]))[0]?.['rows']);

/** Rows by id ($1) that a till may see ($2 = visible offer ids). */
export const visibleById = {
  coupons: `SELECT json_agg(${rowJson('coupons')})::text AS rows FROM coupons t
             WHERE t.id = ANY($1::text[]) AND t.offer_id = ANY($2::text[])`,
  customers: `SELECT json_agg(${rowJson('customers')})::text AS rows FROM customers t
               WHERE t.id = ANY($1::text[])
                 AND EXISTS (SELECT 1 FROM coupons c WHERE c.customer_id = t.id AND c.offer_id = ANY($2::text[]))`,
} as const;

const childSql = (table: 'offer_store_tags' | 'offer_sync_scope'): string =>
  `SELECT json_agg(${rowJson(table)})::text AS rows FROM ${table} t WHERE t.offer_id = ANY($1::text[])`;
const childQueries = {
  offer_store_tags: childSql('offer_store_tags'),
  offer_sync_scope: childSql('offer_sync_scope'),
};

export const childRows = async (
  sql: SqlPort,
  table: 'offer_store_tags' | 'offer_sync_scope',
  offerIds: readonly string[],
): Promise<unknown[][]> =>
  offerIds.length === 0
    ? []
    : rowsOf((await sql.query(childQueries[table], [offerIds]))[0]?.['rows']);

/**
 * A password verifier leaves the hub only at full strength (docs/security.md): the stored hash
 * is `pbkdf2-sha256$<iterations>$<hex>`; weaker ones (older rows, not yet upgraded by a
 * sign-in) travel blank, so the person can sign in at the till only while the hub answers.
 * $4 = the minimum iteration count.
 */
const strongVerifier = `split_part(t.password_hash, '$', 1) = 'pbkdf2-sha256'
  AND (CASE WHEN split_part(t.password_hash, '$', 2) ~ '^[0-9]{1,9}$'
            THEN split_part(t.password_hash, '$', 2)::int ELSE 0 END) >= $4::int`;
const userColumn = (column: string): string =>
  column === 'password_hash' || column === 'salt'
    ? `CASE WHEN ${strongVerifier} THEN t.${column} ELSE '' END`
    : `t.${column}`;

/**
 * Small tables, whole. Secrets stay at the hub: the org's code salt is not sent, and users are
 * only those who may sign in at this till — enabled, and either scoped to its store ($1) or
 * holding a live offline grant on this device ($2, at $3). Org-wide people without a grant are
 * not sent at all.
 */
export const snapshotQueries = {
  org_entities: `SELECT json_agg(${rowJson('org_entities')} ORDER BY t.id)::text AS rows FROM org_entities t`,
  org_settings: `SELECT json_agg(${rowJson('org_settings')})::text AS rows FROM org_settings t
                  WHERE t.key <> 'codeSalt'`,
  currency_rates: `SELECT json_agg(${rowJson('currency_rates')})::text AS rows FROM currency_rates t`,
  users: `SELECT json_agg(json_build_array(${tableColumns.users.map(userColumn).join(', ')}))::text AS rows
            FROM users t
           WHERE t.disabled_at IS NULL
             AND ((jsonb_typeof(t.store_ids) = 'array' AND t.store_ids @> to_jsonb(ARRAY[$1::text]))
                  OR EXISTS (SELECT 1 FROM sync_grants g
                              WHERE g.user_id = t.id AND g.device_id = $2 AND g.revoked_at IS NULL
                                AND g.expires_at > $3::timestamptz))`,
} as const;

/**
 * An offer's older rows for a backfill, in id order: $1 offer, $2 max xid, $3 after key,
 * $4 limit. Answers the rows as JSON text, the last id and how many there were.
 */
const backfillSql = (table: 'coupons' | 'redemptions'): string =>
  `WITH page AS (
     SELECT * FROM ${table} t
      WHERE t.offer_id = $1 AND t.hub_xid > 0 AND t.hub_xid <= $2::bigint
        AND t.id COLLATE "C" > $3::text COLLATE "C"
      ORDER BY t.id COLLATE "C" LIMIT $4)
   SELECT json_agg(${rowJson(table)} ORDER BY t.id COLLATE "C")::text AS rows,
          max(t.id COLLATE "C") AS last, count(*) AS n
     FROM page t`;
export const backfillQueries = {
  coupons: backfillSql('coupons'),
  redemptions: backfillSql('redemptions'),
};

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
