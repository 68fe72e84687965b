import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { requireOffer, updateOffer } from '../offers/index';
import { describeIssues, readStoreList } from './store-list';

/**
 * Sets an offer's stores allowing redemption from a CSV. Any row that names nothing usable
 * refuses the whole file, every such row listed, and nothing changes; otherwise the list
 * replaces the offer's, through the ordinary offer edit (its checks, audit and version).
 */
export async function setRedemptionStores(
  input: OpParsedInput<'redemption-stores-set'>,
  ctx: HandlerContext,
): Promise<OpOutput<'redemption-stores-set'>> {
  const offer = await requireOffer(ctx.sql, input.id);
  const list = await readStoreList(ctx.sql, input.csv);
  if (list.issues.length > 0) {
    const n = list.issues.length;
    throw new ApiError(
      'INVALID_INPUT',
      `${n === 1 ? 'One row' : `${n} rows`} of the file name no place that can redeem (${describeIssues(list.issues)}). Correct ${n === 1 ? 'it' : 'them'} and upload the file again; nothing was changed`,
      { field: 'csv', rows: list.issues },
    );
  }
  const updated = await updateOffer(
    {
      id: offer.id,
      expectedVersion: offer.version,
      redemption: { ...offer.redemption, stores: list.stores },
    },
    ctx,
  );
  return { offerId: updated.id, stores: updated.redemption.stores, version: updated.version };
}
