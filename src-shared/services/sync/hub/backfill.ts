import type { OpOutput, OpParsedInput } from '../../../api/operations';
import type { Principal } from '../../../api/roles';
import type { SqlPort, SqlRow } from '../../../sql/port';
import { requireDevice } from './devices';
import { backfillQueries, preferIndexOrder } from './feed-sql';
import { pageChunks, tillPlace, visibleOfferIds } from './pull';

/**
 * Older rows of one offer for a till that has just started to receive it (its sync scope
 * grew, or sync was switched on, after the till's cursor had passed those rows). Keyset pages by
 * id up to the transaction the till names; newer rows come by the feed, and a row sent twice is
 * harmless (the till upserts current state).
 */
export async function backfillPage(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-backfill'>,
): Promise<OpOutput<'sync-backfill'>> {
  return sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await preferIndexOrder(tx);
    const device = await requireDevice(tx, principal);
    const visible = new Set(
      await visibleOfferIds(tx, await tillPlace(tx, device.tillId, device.storeId)),
    );
    if (!visible.has(input.offerId)) return { chunks: [], after: input.after, more: false };
    const rows = await tx.query(backfillQueries[input.table], [
      input.offerId,
      input.maxXid,
      input.after,
      input.limit,
    ]);
    const byTable: Record<'offers' | 'customers' | 'coupons' | 'redemptions', SqlRow[]> = {
      offers: [],
      customers: [],
      coupons: input.table === 'coupons' ? rows : [],
      redemptions: input.table === 'redemptions' ? rows : [],
    };
    const { chunks } = await pageChunks(tx, byTable, visible);
    const last = rows[rows.length - 1];
    return {
      chunks,
      after: last ? String(last['id']) : input.after,
      more: rows.length >= input.limit,
    };
  });
}
