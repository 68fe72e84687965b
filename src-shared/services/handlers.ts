import { ApiError } from '../api/errors';
import type { Handlers } from '../api/handlers';
import { authHandlers } from './auth/index';
import { couponsHandlers } from './coupons/handlers';
import { redemptionsHandlers } from './redemptions/handlers';
import { revokeHandlers } from './revoke/handlers';
import { masterDataHandlers } from './org/master-data-handlers';
import { offersHandlers } from './offers/offers-handlers';
import { seriesHandlers } from './series/series-handlers';
import { syncHandlers } from './sync/handlers';

/**
 * PENDING — operations whose handler groups have not landed yet (uploads from
 * services B). Each answers UNAVAILABLE until its group replaces it below;
 * delete this block once it is empty.
 */
const notYet = (name: string) => async (): Promise<never> => {
  throw new ApiError('UNAVAILABLE', `${name} is not implemented yet`, { name });
};
const pendingHandlers = {
  'uploads-create': notYet('uploads-create'),
  'uploads-list': notYet('uploads-list'),
  'uploads-get': notYet('uploads-get'),
  'uploads-issues': notYet('uploads-issues'),
};

/**
 * Every operation's handler, joined from one group per service. `Handlers` makes a missing
 * operation a compile error, so a new operation cannot ship without its handler.
 */
export function createHandlers(): Handlers {
  return {
    ...pendingHandlers,
    ...authHandlers,
    ...offersHandlers,
    ...seriesHandlers,
    ...couponsHandlers,
    ...revokeHandlers,
    ...redemptionsHandlers,
    ...masterDataHandlers,
    ...syncHandlers,
  };
}
