import type { SqlPort } from '#shared/sql/port';
import type { FeedCursor } from '#shared/sync/cursor';
import type { TableChunk } from '#shared/sync/protocol';
import { feedTables, snapshotTables, type FeedTable } from '#shared/sync/tables';
import { DEFAULT_ITERATIONS } from '#shared/services/auth/index';
import { positionOf } from './feed-plan';
import { childRows, chunk, feedRows, rowsById, rowsOf, snapshotQueries } from './feed-sql';
import { copyTables, feedCopies, feedCopyOfferIds, setFeedParams } from './feed-copy-sql';

/** What a page of the change feed carries: the feed rows of each table, and the small tables. */

export type TableRows = {
  rows: unknown[][];
  offerIds: string[];
  removed: string[];
  /** The visible rows as binary COPY output, base64 (instead of rows), and how many. */
  copy?: { base64: string; rows: number };
};

/** The parameters every feed statement takes, in their $n order. */
const feedParams = (cursor: FeedCursor, visible: string[], count: number, horizon: number) => [
  cursor.xid,
  cursor.key,
  visible,
  count,
  horizon,
];

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The visible rows among the `count` a table contributes to the page, and the offers they belong to. */
export const readRange = async (
  tx: SqlPort,
  index: number,
  cursor: FeedCursor,
  count: number,
  horizon: number,
  visible: string[],
): Promise<TableRows> => {
  const table = feedTables[index] as FeedTable;
  const rows = await tx.query(
    feedRows[table][positionOf(index, cursor)],
    feedParams(cursor, visible, count, horizon),
  );
  const r = rows[0] ?? {};
  return {
    rows: rowsOf(r['rows']),
    offerIds: strings(r['offer_ids']),
    removed: strings(r['removed']),
  };
};

/** As readRange, the rows as binary COPY output passed through undecoded (see feed-copy-sql.ts). */
export const readCopy = async (
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
            await tx.query(feedCopyOfferIds[position], feedParams(cursor, visible, count, horizon))
          )[0]?.['offer_ids'],
        )
      : [];
  return { rows: [], offerIds, removed: [], copy };
};

export const isCopyTable = (table: FeedTable): table is (typeof copyTables)[number] =>
  (copyTables as readonly string[]).includes(table);

export const emptyRows = (): TableRows => ({
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
export const snapshotChunks = async (
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
