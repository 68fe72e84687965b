/**
 * Position in the hub's change feed. Every synced row carries `hub_xid`, the id of the
 * transaction that last wrote it; the feed is ordered by (hub_xid, table, primary key) and only
 * ever serves rows below the oldest still-running transaction (the snapshot's xmin), so a row
 * committed late by a long transaction is never skipped. The cursor is the last position
 * served; "0" is the start.
 */
export type FeedCursor = { xid: number; table: number; key: string };

export const startCursor: FeedCursor = { xid: 0, table: 0, key: '' };

export const formatCursor = (c: FeedCursor): string =>
  c.xid === 0 && c.table === 0 && c.key === '' ? '0' : `${c.xid}.${c.table}.${c.key}`;

/** Parses a cursor; null when it is not one this hub made. */
export const parseCursor = (text: string): FeedCursor | null => {
  if (text === '' || text === '0') return startCursor;
  const match = /^(\d{1,15})\.(\d{1,2})\.(.*)$/s.exec(text);
  if (!match) return null;
  return { xid: Number(match[1]), table: Number(match[2]), key: match[3] as string };
};

/** Strict order of feed positions. */
export const compareCursor = (a: FeedCursor, b: FeedCursor): number => {
  if (a.xid !== b.xid) return a.xid < b.xid ? -1 : 1;
  if (a.table !== b.table) return a.table < b.table ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
};
