import type { HandlerGroup } from '#shared/api/handlers';
import { setRedemptionStores } from './set-stores';
import { readStoreList } from './store-list';

export const redemptionStoresHandlers: HandlerGroup<
  'redemption-stores-check' | 'redemption-stores-set'
> = {
  'redemption-stores-check': (input, ctx) => readStoreList(ctx.sql, input.csv),
  'redemption-stores-set': (input, ctx) => setRedemptionStores(input, ctx),
};
