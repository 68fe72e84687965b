import type { ApiClient } from '#shared/api/client';
import { applyBackfillPage, applyPage } from '#shared/services/sync/till/apply-page';
import { deferIndexes, restoreIndexes } from '#shared/services/sync/till/bulk-indexes';
import { withCopyBytes, type PulledChunk } from '#shared/services/sync/till/copy-chunk';
import { IdFilter } from '#shared/services/sync/till/id-filter';
import { missingParents } from '#shared/services/sync/till/missing-parents';
import { readSyncState } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import type { PullOutput } from '#shared/sync/protocol';

/** The changes-down half of a sync round: the feed, its missing parents, and backfills. */
export type FeedPullDeps = {
  sql: SqlPort;
  hub: ApiClient;
  pullLimit: number;
  /** Rows per page on a first pull into an empty replica. */
  bulkPullLimit: number;
  log: (line: string) => void;
};

/** Node's own base64 decoder: a first pull's pages are megabytes of it. */
const fromBase64 = (text: string): Uint8Array => Buffer.from(text, 'base64');

/**
 * Pulls feed pages until caught up, each applied in one local transaction. The next page is
 * fetched while the current one is applied (its cursor is known from the answer), so the
 * hub's reading and the till's writing overlap on a long first pull.
 */
export async function pullFeed(d: FeedPullDeps, maxPages = 1000): Promise<void> {
  const { sql, hub } = d;
  const cursor = (await readSyncState(sql)).cursor;
  // From the very start, nothing pulled is here yet: COPY instead of upserts (see
  // applyChunk), the big tables' secondary indexes built once at the end instead of row by
  // row, and pages as large as the hub serves (fewer per-page round trips and commits).
  const bulk = cursor === '0';
  const limit = bulk ? d.bulkPullLimit : d.pullLimit;
  // A first pull takes its big tables as binary COPY output, passed through by the hub.
  const next = hub.send('sync-pull', { cursor, limit, binary: bulk });
  next.catch(() => undefined);
  if (bulk) await deferIndexes(sql);
  try {
    await pullPages(d, cursor, next, maxPages, bulk, limit);
  } finally {
    // Also after a normal pull: a unique index left deferred (see restoreIndexes) may now fit.
    const { stillDeferred } = await restoreIndexes(sql);
    if (stillDeferred.length > 0)
      d.log(`indexes still deferred until the replica catches up: ${stillDeferred.join(', ')}`);
  }
}

async function pullPages(
  d: FeedPullDeps,
  start: string,
  first: Promise<PullOutput>,
  maxPages: number,
  bulk: boolean,
  limit: number,
): Promise<void> {
  const { sql, hub } = d;
  let cursor = start;
  let next = first;
  // A first pull remembers what its pages carried: a coupon page's 20,000 customers were all
  // in earlier pages, and asking the replica for them again cost more than the page itself.
  const carried = bulk
    ? { offers: new IdFilter(), coupons: new IdFilter(), customers: new IdFilter() }
    : undefined;
  for (let i = 0; i < maxPages; i += 1) {
    const page = await next;
    const ahead = page.more
      ? hub.send('sync-pull', { cursor: page.cursor, limit, binary: bulk })
      : null;
    // A failed prefetch surfaces when awaited; never as an unhandled rejection meanwhile.
    ahead?.catch(() => undefined);
    const chunks = withCopyBytes(page.chunks, fromBase64);
    const withParentRows = await withParents(d, chunks, carried);
    await applyPage(sql, { ...page, chunks: withParentRows }, cursor, { bulk });
    if (!ahead) return;
    cursor = page.cursor;
    next = ahead;
  }
}

/** Adds the parents a page references that this replica lacks, fetched by id from the hub. */
async function withParents(
  d: FeedPullDeps,
  chunks: PulledChunk[],
  carried?: Parameters<typeof missingParents>[2],
): Promise<PulledChunk[]> {
  const extra: PulledChunk[] = [];
  // Fetched coupons may reference customers of their own: a second look covers them.
  for (let round = 0; round < 3; round += 1) {
    const missing = await missingParents(d.sql, [...extra, ...chunks], carried);
    const tables = (['offers', 'coupons', 'customers'] as const).filter(
      (t) => missing[t].length > 0,
    );
    if (tables.length === 0) break;
    for (const table of tables) {
      for (let i = 0; i < missing[table].length; i += 10_000) {
        const ids = missing[table].slice(i, i + 10_000);
        const fetched = (await d.hub.send('sync-rows', { table, ids })).chunks;
        extra.push(...withCopyBytes(fetched, fromBase64));
      }
    }
  }
  return [...extra, ...chunks];
}

/** Fills the backfills a widened sync scope opened, page by page. */
export async function backfill(d: FeedPullDeps): Promise<void> {
  const { sql, hub } = d;
  const pending = await sql.query<{
    offer_id: string;
    table_name: 'coupons' | 'redemptions';
    max_xid: unknown;
    after_key: string;
  }>(
    'SELECT offer_id, table_name, max_xid, after_key FROM till_backfills ORDER BY offer_id, table_name',
  );
  for (const b of pending) {
    let after = b.after_key;
    for (;;) {
      const page = await hub.send('sync-backfill', {
        offerId: b.offer_id,
        table: b.table_name,
        maxXid: Number(b.max_xid),
        after,
        limit: d.pullLimit,
      });
      await applyBackfillPage(sql, b.offer_id, b.table_name, {
        ...page,
        chunks: await withParents(d, page.chunks),
      });
      if (!page.more) break;
      after = page.after;
    }
  }
}
