import { ApiError } from '../../../api/errors';
import type { OpOutput, OpParsedInput } from '../../../api/operations';
import type { Principal } from '../../../api/roles';
import type { OrgEntityRef } from '../../../domain/primitives';
import type { SqlPort } from '../../../sql/port';
import { formatCursor, parseCursor, type FeedCursor } from '../../../sync/cursor';
import type { TableChunk } from '../../../sync/protocol';
import { scopeReachesTill, type TillPlace } from '../../../sync/scope';
import { feedTables, snapshotTables, type FeedTable } from '../../../sync/tables';
import { DEFAULT_ITERATIONS } from '../../auth/password';
import { resolveStoreContext } from '../../org/store-context';
import { requireDevice } from './devices';
import {
  childRows,
  chunk,
  feedPositions,
  feedRows,
  preferIndexOrder,
  rowsById,
  rowsOf,
  snapshotQueries,
} from './feed-sql';
import { copyTables, feedCopies, feedCopyOfferIds, setFeedParams } from './feed-copy-sql';
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

type Position = { table: number; xid: number; key: string };

const positionOf = (index: number, cursor: FeedCursor): 'before' | 'at' | 'after' =>
  index < cursor.table ? 'before' : index === cursor.table ? 'at' : 'after';

const compare = (a: Position, b: Position): number =>
  a.xid !== b.xid
    ? a.xid - b.xid
    : a.table !== b.table
      ? a.table - b.table
      : a.key < b.key
        ? -1
        : a.key > b.key
          ? 1
          : 0;

/**
 * Which feed positions the next page covers: the next `limit` after the cursor over all feed
 * tables, in feed order. Answers, per table, the last position taken.
 */
const planPage = async (
  tx: SqlPort,
  cursor: FeedCursor,
  horizon: number,
  limit: number,
): Promise<{ taken: Map<number, number>; end: Position | null; more: boolean }> => {
  const candidates: Position[] = [];
  let full = false;
  // Once `limit` positions are known, a later table can only contribute rows of an earlier
  // transaction than the last of them (same transaction: its table comes later in the order),
  // so its index walk stops there instead of reading `limit` rows to throw away.
  let bound = horizon;
  for (const [index, table] of feedTables.entries()) {
    const rows = await tx.query<{ x: unknown; k: string }>(
      feedPositions[table][positionOf(index, cursor)],
      [cursor.xid, cursor.key, bound, limit],
    );
    if (rows.length >= limit) full = true;
    for (const r of rows) candidates.push({ table: index, xid: Number(r.x), key: r.k });
    if (candidates.length >= limit) {
      candidates.sort(compare);
      candidates.length = limit;
      bound = Math.min(bound, (candidates[limit - 1] as Position).xid);
      // Rows past the bound may remain in later tables: the next page looks.
      full = true;
    }
  }
  candidates.sort(compare);
  const taken = candidates.slice(0, limit);
  const counts = new Map<number, number>();
  for (const p of taken) counts.set(p.table, (counts.get(p.table) ?? 0) + 1);
  return {
    taken: counts,
    end: taken[taken.length - 1] ?? null,
    more: full || candidates.length > limit,
  };
};

type TableRows = {
  rows: unknown[][];
  offerIds: string[];
  removed: string[];
  /** The visible rows as binary COPY output, base64 (instead of rows), and how many. */
  copy?: { base64: string; rows: number };
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The visible rows among the `count` a table contributes to the page, and the offers they belong to. */
const readRange = async (
  tx: SqlPort,
  index: number,
  cursor: FeedCursor,
  count: number,
  horizon: number,
  visible: string[],
): Promise<TableRows> => {
  const table = feedTables[index] as FeedTable;
  const rows = await tx.query(feedRows[table][positionOf(index, cursor)], [
    cursor.xid,
    cursor.key,
    visible,
    count,
    horizon,
  ]);
  const r = rows[0] ?? {};
  return {
    rows: rowsOf(r['rows']),
    offerIds: strings(r['offer_ids']),
    removed: strings(r['removed']),
  };
};

/** As readRange, the rows as binary COPY output passed through undecoded (see feed-copy-sql.ts). */
const readCopy = async (
  tx: SqlPort,
  copyOut: NonNullable<SqlPort['copyOutBase64']>,
  index: number,
  cursor: FeedCursor,
  count: number,
  horizon: number,
  visible: string[],
): Promise<TableRows> => {
  const table = feedTables[index] as (typeof copyTables)[number];
  const position = positionOf(index, cursor);
  await setFeedParams(tx, cursor, visible, count, horizon);
  const copy = await copyOut(feedCopies[table][position]);
  const offerIds =
    table === 'coupons' && copy.rows > 0
      ? strings(
          (
            await tx.query(feedCopyOfferIds[position], [
              cursor.xid,
              cursor.key,
              visible,
              count,
              horizon,
            ])
          )[0]?.['offer_ids'],
        )
      : [];
  return { rows: [], offerIds, removed: [], copy };
};

const isCopyTable = (table: FeedTable): table is (typeof copyTables)[number] =>
  (copyTables as readonly string[]).includes(table);

const empty = (): TableRows => ({
  rows: [],
  offerIds: [],
  removed: [],
});

/**
 * The chunks of a page: its feed rows, plus the offers they belong to (a handful; the till
 * needs an offer before its coupons). Other parents — a coupon's customer, a redemption's
 * coupon — are not repeated here: on a first pull they came in earlier pages, and a till that
 * lacks one asks for it by id (sync-rows). Offers travel with their tags and sync scope.
 */
export const pageChunks = async (
  tx: SqlPort,
  byTable: Record<FeedTable, TableRows>,
): Promise<TableChunk[]> => {
  const offerRows = [...byTable.offers.rows];
  const haveOffers = new Set(offerRows.map((r) => String(r[0])));
  const depOffers = new Set([...byTable.coupons.offerIds, ...byTable.redemptions.offerIds]);
  offerRows.push(
    ...(await rowsById(
      tx,
      'offers',
      [...depOffers].filter((id) => !haveOffers.has(id)),
    )),
  );

  const chunks: TableChunk[] = [];
  if (offerRows.length > 0) {
    const offerIds = offerRows.map((r) => String(r[0]));
    chunks.push(chunk('offers', 'upsert', offerRows));
    chunks.push(
      chunk(
        'offer_store_tags',
        'children',
        await childRows(tx, 'offer_store_tags', offerIds),
        offerIds,
      ),
    );
    chunks.push(
      chunk(
        'offer_sync_scope',
        'children',
        await childRows(tx, 'offer_sync_scope', offerIds),
        offerIds,
      ),
    );
  }
  for (const table of ['customers', 'coupons'] as const) {
    const { rows, copy } = byTable[table];
    if (copy && copy.rows > 0) chunks.push({ ...chunk(table, 'upsert', []), copy: copy.base64 });
    if (rows.length > 0) chunks.push(chunk(table, 'upsert', rows));
  }
  if (byTable.redemptions.rows.length > 0)
    chunks.push(chunk('redemptions', 'upsert', byTable.redemptions.rows));
  return chunks;
};

/** Whole small tables that changed since the cursor (all of them on a first pull). */
const snapshotChunks = async (
  tx: SqlPort,
  cursor: FeedCursor,
  horizon: number,
  device: { storeId: string; deviceId: string },
  now: Date,
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
    const rows = await tx.query(
      snapshotQueries[table],
      table === 'users'
        ? [device.storeId, device.deviceId, now.toISOString(), DEFAULT_ITERATIONS]
        : [],
    );
    chunks.push(chunk(table, 'snapshot', rowsOf(rows[0]?.['rows'])));
  }
  return chunks;
};

/**
 * One page of the change feed for a till (docs/architecture.md, "Changes down"), read in one
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
    const plan = await planPage(tx, cursor, horizon, input.limit);
    const byTable: Record<FeedTable, TableRows> = {
      offers: empty(),
      customers: empty(),
      coupons: empty(),
      redemptions: empty(),
    };
    const copyOut = input.binary ? tx.copyOutBase64?.bind(tx) : undefined;
    for (const [index, count] of plan.taken) {
      const table = feedTables[index] as FeedTable;
      byTable[table] =
        copyOut && isCopyTable(table)
          ? await readCopy(tx, copyOut, index, cursor, count, horizon, visibleIds)
          : await readRange(tx, index, cursor, count, horizon, visibleIds);
    }
    const chunks = await pageChunks(tx, byTable);
    const snapshots = await snapshotChunks(tx, cursor, horizon, device, now);
    const next: FeedCursor =
      plan.more && plan.end
        ? plan.end
        : { xid: Math.max(cursor.xid, horizon - 1), table: CAUGHT_UP_TABLE, key: '' };
    return {
      cursor: formatCursor(next),
      more: plan.more,
      horizon,
      ackedSeq: device.ackedSeq,
      chunks: [...snapshots, ...chunks],
      removedOfferIds: byTable.offers.removed,
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
