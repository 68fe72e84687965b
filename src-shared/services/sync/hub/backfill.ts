import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { requireDevice } from './devices';
import { backfillQueries, preferIndexOrder, rowsOf } from './feed-sql';
import { pageChunks } from './page-chunks';
import { tillPlace, visibleOfferIds } from './till-reach';

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
    const place = await tillPlace(tx, device.tillId, device.storeId);
    if (!(await visibleOfferIds(tx, place)).includes(input.offerId)) {
      return { chunks: [], after: input.after, more: false };
    }
    const found = await tx.query<{ rows: unknown; last: string | null; n: unknown }>(
      backfillQueries[input.table],
      [input.offerId, input.maxXid, input.after, input.limit],
    );
    const rows = rowsOf(found[0]?.rows);
    const none = { rows: [], offerIds: [], removed: [] };
    const chunks = await pageChunks(tx, {
      offers: none,
      customers: none,
      coupons: input.table === 'coupons' ? { ...none, rows, offerIds: [input.offerId] } : none,
      redemptions:
        input.table === 'redemptions' ? { ...none, rows, offerIds: [input.offerId] } : none,
    });
    return {
      chunks,
      after: found[0]?.last ?? input.after,
      more: Number(found[0]?.n ?? 0) >= input.limit,
    };
  });
}
