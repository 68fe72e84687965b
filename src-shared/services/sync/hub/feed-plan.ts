import type { SqlPort } from '#shared/sql/port';
import type { FeedCursor } from '#shared/sync/cursor';
import { feedTables } from '#shared/sync/tables';
import { feedPositions } from './feed-sql';

/** The feed's horizon: transactions below it have all finished, so nothing below it can appear later. */
export const feedHorizon = async (sql: SqlPort): Promise<number> => {
  const rows = await sql.query<{ xmin: unknown }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin',
  );
  return Number(rows[0]?.xmin ?? 0);
};

type Position = { table: number; xid: number; key: string };

export const positionOf = (index: number, cursor: FeedCursor): 'before' | 'at' | 'after' =>
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
export const planPage = async (
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
