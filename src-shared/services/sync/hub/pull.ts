import { ApiError } from '../../../api/errors';
import type { OpOutput, OpParsedInput } from '../../../api/operations';
import type { Principal } from '../../../api/roles';
import type { OrgEntityRef } from '../../../domain/primitives';
import type { SqlPort, SqlRow } from '../../../sql/port';
import { formatCursor, parseCursor, type FeedCursor } from '../../../sync/cursor';
import type { TableChunk } from '../../../sync/protocol';
import { scopeReachesTill, type TillPlace } from '../../../sync/scope';
import { feedTables, snapshotTables, type FeedTable } from '../../../sync/tables';
import { resolveStoreContext } from '../../org/store-context';
import { requireDevice } from './devices';
import {
  childRows,
  feedQueries,
  preferIndexOrder,
  rowsById,
  snapshotQueries,
  toChunk,
} from './feed-sql';
import { activeLeases } from './leases-read';

/** Past every table at a transaction: "everything up to this xid has been served". */
const CAUGHT_UP_TABLE = 99;

export const tillPlace = async (
  sql: SqlPort,
  tillId: string,
  storeId: string,
): Promise<TillPlace> => {
  const ctx = await resolveStoreContext(sql, storeId, tillId);
  return { tillId, storeId, zoneId: ctx.zoneId, conceptId: ctx.conceptId };
};

/** Ids of the offers synced to in-store whose scope reaches this till. */
export const visibleOfferIds = async (sql: SqlPort, place: TillPlace): Promise<string[]> => {
  const rows = await sql.query<{ id: string; scope: unknown }>(
    `SELECT id, config #> '{syncToInStore,scope}' AS scope FROM offers WHERE sync_enabled`,
  );
  return rows
    .filter((r) =>
      scopeReachesTill(Array.isArray(r.scope) ? (r.scope as OrgEntityRef[]) : [], place),
    )
    .map((r) => r.id);
};

/** The feed's horizon: transactions below it have all finished, so nothing below it can appear later. */
export const feedHorizon = async (sql: SqlPort): Promise<number> => {
  const rows = await sql.query<{ xmin: unknown }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin',
  );
  return Number(rows[0]?.xmin ?? 0);
};

type FeedRow = { table: number; xid: number; key: string; visible: boolean; row: SqlRow };

const positionOf = (index: number, cursor: FeedCursor): 'before' | 'at' | 'after' =>
  index < cursor.table ? 'before' : index === cursor.table ? 'at' : 'after';

/** The next `limit` feed rows after the cursor, merged over the feed tables in feed order. */
const readFeed = async (
  tx: SqlPort,
  cursor: FeedCursor,
  horizon: number,
  visible: string[],
  limit: number,
): Promise<{ rows: FeedRow[]; more: boolean }> => {
  const candidates: FeedRow[] = [];
  let full = false;
  for (const [index, table] of feedTables.entries()) {
    const sql = feedQueries[table][positionOf(index, cursor)];
    const rows = await tx.query(sql, [cursor.xid, cursor.key, horizon, visible, limit]);
    if (rows.length >= limit) full = true;
    for (const row of rows) {
      candidates.push({
        table: index,
        xid: Number(row['feed_xid']),
        key: String(row['id']),
        visible: row['feed_visible'] === true,
        row,
      });
    }
  }
  candidates.sort((a, b) =>
    a.xid !== b.xid
      ? a.xid - b.xid
      : a.table !== b.table
        ? a.table - b.table
        : a.key < b.key
          ? -1
          : a.key > b.key
            ? 1
            : 0,
  );
  const taken = candidates.slice(0, limit);
  return { rows: taken, more: full || candidates.length > limit };
};

const idsOf = (rows: readonly SqlRow[], column: string): string[] => [
  ...new Set(rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string')),
];

/**
 * Builds the chunks of a page from its feed rows plus every row they depend on (current state:
 * a coupon's offer and customer, a redemption's coupon), so the till can apply the page in one
 * transaction without foreign-key trouble. Offers travel with their tags and sync scope.
 */
export const pageChunks = async (
  tx: SqlPort,
  byTable: Record<FeedTable, SqlRow[]>,
  visible: ReadonlySet<string>,
): Promise<{ chunks: TableChunk[]; removedOfferIds: string[] }> => {
  const removedOfferIds = byTable.offers
    .filter((r) => !visible.has(String(r['id'])))
    .map((r) => String(r['id']));
  const offers = new Map<string, SqlRow>();
  for (const r of byTable.offers) if (visible.has(String(r['id']))) offers.set(String(r['id']), r);
  const coupons = new Map<string, SqlRow>(byTable.coupons.map((r) => [String(r['id']), r]));
  const missingCoupons = idsOf(byTable.redemptions, 'coupon_id').filter((id) => !coupons.has(id));
  for (const r of await rowsById(tx, 'coupons', missingCoupons)) coupons.set(String(r['id']), r);
  const couponRows = [...coupons.values()];
  const wantOffers = [
    ...idsOf(couponRows, 'offer_id'),
    ...idsOf(byTable.redemptions, 'offer_id'),
  ].filter((id) => !offers.has(id) && visible.has(id));
  for (const r of await rowsById(tx, 'offers', [...new Set(wantOffers)]))
    offers.set(String(r['id']), r);
  const customers = new Map<string, SqlRow>(byTable.customers.map((r) => [String(r['id']), r]));
  const wantCustomers = [
    ...idsOf(couponRows, 'customer_id'),
    ...idsOf(byTable.redemptions, 'customer_id'),
  ].filter((id) => !customers.has(id));
  for (const r of await rowsById(tx, 'customers', [...new Set(wantCustomers)]))
    customers.set(String(r['id']), r);

  const offerIds = [...offers.keys()];
  const chunks: TableChunk[] = [];
  if (offers.size > 0) {
    chunks.push(toChunk('offers', 'upsert', [...offers.values()]));
    chunks.push(
      toChunk(
        'offer_store_tags',
        'children',
        await childRows(tx, 'offer_store_tags', offerIds),
        offerIds,
      ),
    );
    chunks.push(
      toChunk(
        'offer_sync_scope',
        'children',
        await childRows(tx, 'offer_sync_scope', offerIds),
        offerIds,
      ),
    );
  }
  if (customers.size > 0) chunks.push(toChunk('customers', 'upsert', [...customers.values()]));
  if (couponRows.length > 0) chunks.push(toChunk('coupons', 'upsert', couponRows));
  if (byTable.redemptions.length > 0)
    chunks.push(toChunk('redemptions', 'upsert', byTable.redemptions));
  return { chunks, removedOfferIds };
};

/** Whole small tables that changed since the cursor (all of them on a first pull). */
const snapshotChunks = async (
  tx: SqlPort,
  cursor: FeedCursor,
  horizon: number,
  storeId: string,
): Promise<TableChunk[]> => {
  const start = cursor.xid === 0 && cursor.table === 0 && cursor.key === '';
  const marks = await tx.query<{ table_name: string; hub_xid: unknown }>(
    'SELECT table_name, hub_xid FROM sync_table_marks',
  );
  const markOf = new Map(marks.map((m) => [m.table_name, Number(m.hub_xid)]));
  const chunks: TableChunk[] = [];
  for (const table of snapshotTables) {
    const mark = markOf.get(table);
    const changed = mark !== undefined && mark > cursor.xid && mark < horizon;
    if (!start && !changed) continue;
    const rows = await tx.query(snapshotQueries[table], table === 'users' ? [storeId] : []);
    chunks.push(toChunk(table, 'snapshot', rows));
  }
  return chunks;
};

/**
 * One page of the change feed for a till (DESIGN §7, "changes down"), read in one
 * REPEATABLE READ snapshot so the rows, the acknowledged tillSeq and the leases agree.
 */
export async function pullPage(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-pull'>,
  now: Date,
): Promise<OpOutput<'sync-pull'>> {
  const cursor = parseCursor(input.cursor);
  if (!cursor) {
    throw new ApiError(
      'INVALID_INPUT',
      `cursor ${input.cursor} is not one this hub issued; pull from 0`,
      {
        field: 'cursor',
      },
    );
  }
  const page = await sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await preferIndexOrder(tx);
    const device = await requireDevice(tx, principal);
    const horizon = await feedHorizon(tx);
    const place = await tillPlace(tx, device.tillId, device.storeId);
    const visibleIds = await visibleOfferIds(tx, place);
    const { rows, more } = await readFeed(tx, cursor, horizon, visibleIds, input.limit);
    const byTable: Record<FeedTable, SqlRow[]> = {
      offers: [],
      customers: [],
      coupons: [],
      redemptions: [],
    };
    // Offers are all kept: one this till may not see is a removal to tell it about.
    for (const r of rows) {
      const table = feedTables[r.table] as FeedTable;
      if (r.visible || table === 'offers') byTable[table].push(r.row);
    }
    const { chunks, removedOfferIds } = await pageChunks(tx, byTable, new Set(visibleIds));
    const snapshots = await snapshotChunks(tx, cursor, horizon, device.storeId);
    const last = rows[rows.length - 1];
    const next: FeedCursor =
      more && last
        ? { xid: last.xid, table: last.table, key: last.key }
        : { xid: Math.max(cursor.xid, horizon - 1), table: CAUGHT_UP_TABLE, key: '' };
    return {
      cursor: formatCursor(next),
      more,
      horizon,
      ackedSeq: device.ackedSeq,
      chunks: [...snapshots, ...chunks],
      removedOfferIds,
      leases: await activeLeases(tx, device.deviceId),
      deviceId: device.deviceId,
    };
  });
  await sql.query('UPDATE sync_devices SET last_seen_at = $2, last_cursor_xid = $3 WHERE id = $1', [
    page.deviceId,
    now.toISOString(),
    cursor.xid,
  ]);
  const { deviceId: _deviceId, ...out } = page;
  return out;
}
