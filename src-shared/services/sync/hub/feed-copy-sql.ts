import type { SqlPort } from '#shared/sql/port';
import { tableColumns } from '#shared/sync/tables';
import { columnTypes } from '../till/upsert-sql';

/**
 * A first pull's big tables as binary COPY output (SqlPort.copyOutBase64), passed by the hub
 * to the till undecoded: PostgreSQL writes a timestamptz as 8 bytes instead of ISO text inside
 * a JSON array, the hub parses and re-serialises nothing, and the till COPYs the bytes in as
 * they came. Each column is cast to the till's type of it, so the bytes are what the till's
 * binary COPY reads whatever the hub's own column type; hub_xid is 0, as for every pulled row.
 *
 * COPY takes no $n parameters: the page's values (cursor, visible offers, limit, horizon) are
 * set with set_config($n) in the pull's transaction (setFeedParams) and read back here with
 * current_setting. The SQL text is built once from code constants.
 */
export const copyTables = ['customers', 'coupons'] as const;
export type CopyTable = (typeof copyTables)[number];

const XID = `current_setting('counterfoil.feed_xid')::bigint`;
const KEY = `current_setting('counterfoil.feed_key')`;
const HORIZON = `current_setting('counterfoil.feed_horizon')::bigint`;
const LIMIT = `current_setting('counterfoil.feed_limit')::bigint`;
const VISIBLE = `ARRAY(SELECT json_array_elements_text(current_setting('counterfoil.feed_visible')::json))`;

/** Whether a feed row is for this till (as in feed-sql.ts, with the visible ids from the settings). */
const visibility: Record<CopyTable, string> = {
  customers: `EXISTS (SELECT 1 FROM coupons c WHERE c.customer_id = t.id AND c.offer_id = ANY(${VISIBLE}))`,
  coupons: `t.offer_id = ANY(${VISIBLE})`,
};

type Position = 'before' | 'at' | 'after';

/** Where the table's rows start relative to the cursor (see fromCursor in feed-sql.ts). */
const fromCursor = (position: Position, xid = XID, key = KEY): string =>
  position === 'before'
    ? `t.hub_xid > 0 AND t.hub_xid > ${xid} AND ${key} IS NOT NULL`
    : position === 'at'
      ? `t.hub_xid > 0 AND (t.hub_xid, t.id COLLATE "C") > (${xid}, ${key} COLLATE "C")`
      : `t.hub_xid > 0 AND t.hub_xid >= ${xid} AND ${key} IS NOT NULL`;

const copySql = (table: CopyTable, position: Position): string => {
  const types = columnTypes(table);
  const columns = tableColumns[table].map((c, i) => `t.${c}::${types[i] ?? 'text'}`);
  return `SELECT ${columns.join(', ')}, 0::bigint AS hub_xid
    FROM (SELECT * FROM ${table} t
           WHERE ${fromCursor(position)} AND t.hub_xid < ${HORIZON}
           ORDER BY t.hub_xid, t.id COLLATE "C" LIMIT ${LIMIT}) t
   WHERE ${visibility[table]}`;
};

const byPosition = (table: CopyTable): Record<Position, string> => ({
  before: copySql(table, 'before'),
  at: copySql(table, 'at'),
  after: copySql(table, 'after'),
});

export const feedCopies: Record<CopyTable, Record<Position, string>> = {
  customers: byPosition('customers'),
  coupons: byPosition('coupons'),
};

/** The page's values for the COPY statements above, for the rest of the transaction. */
export const setFeedParams = async (
  tx: SqlPort,
  cursor: { xid: number; key: string },
  visible: readonly string[],
  limit: number,
  horizon: number,
): Promise<void> => {
  await tx.query(
    `SELECT set_config('counterfoil.feed_xid', $1::text, true),
            set_config('counterfoil.feed_key', $2::text, true),
            set_config('counterfoil.feed_visible', array_to_json($3::text[])::text, true),
            set_config('counterfoil.feed_limit', $4::text, true),
            set_config('counterfoil.feed_horizon', $5::text, true)`,
    [String(cursor.xid), cursor.key, visible, String(limit), String(horizon)],
  );
};

/** The offers the visible coupons among a page's `count` rows belong to ($1 … $5 as feedRows). */
const offerIdsSql = (position: Position): string =>
  `SELECT array_agg(DISTINCT t.offer_id) FILTER (WHERE t.offer_id = ANY($3::text[])) AS offer_ids
     FROM (SELECT t.offer_id FROM coupons t
            WHERE ${fromCursor(position, '$1::bigint', '$2::text')}
              AND t.hub_xid < $5::bigint
            ORDER BY t.hub_xid, t.id COLLATE "C" LIMIT $4) t`;

export const feedCopyOfferIds: Record<Position, string> = {
  before: offerIdsSql('before'),
  at: offerIdsSql('at'),
  after: offerIdsSql('after'),
};
