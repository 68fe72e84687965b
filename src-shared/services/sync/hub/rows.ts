import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { requireDevice } from './devices';
import { chunk, rowsOf, visibleById } from './feed-sql';
import { pageChunks } from './page-chunks';
import { tillPlace, visibleOfferIds } from './till-reach';

/**
 * Rows a till asks for by id because a page referenced them and it lacks them (a customer who
 * became visible with a new coupon, say). Only rows this till may see are answered; offers
 * come with their tags and scope.
 */
export async function rowsFor(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-rows'>,
): Promise<OpOutput<'sync-rows'>> {
  return sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const device = await requireDevice(tx, principal);
    const visible = await visibleOfferIds(tx, await tillPlace(tx, device.tillId, device.storeId));
    if (input.ids.length === 0) return { chunks: [] };
    if (input.table === 'offers') {
      const wanted = new Set(input.ids);
      const none = { rows: [], offerIds: [], removed: [] };
      return {
        chunks: await pageChunks(tx, {
          offers: none,
          customers: none,
          coupons: { ...none, offerIds: visible.filter((id) => wanted.has(id)) },
          redemptions: none,
        }),
      };
    }
    const found = await tx.query(visibleById[input.table], [input.ids, visible]);
    const rows = rowsOf(found[0]?.['rows']);
    return { chunks: rows.length === 0 ? [] : [chunk(input.table, 'upsert', rows)] };
  });
}
