import { ApiError } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { formatCursor, parseCursor, type FeedCursor } from '#shared/sync/cursor';
import { feedTables, type FeedTable } from '#shared/sync/tables';
import { requireDevice } from './devices';
import { feedHorizon, planPage } from './feed-plan';
import { preferIndexOrder } from './feed-sql';
import {
  emptyRows,
  isCopyTable,
  pageChunks,
  readCopy,
  readRange,
  snapshotChunks,
  type TableRows,
} from './page-chunks';
import { tillPlace, visibleOfferIds } from './till-reach';
import { activeLeases } from './leases-read';

/** Past every table at a transaction: "everything up to this xid has been served". */
const CAUGHT_UP_TABLE = 99;

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
      offers: emptyRows(),
      customers: emptyRows(),
      coupons: emptyRows(),
      redemptions: emptyRows(),
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
