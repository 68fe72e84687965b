import type { HandlerGroup } from '../../api/handlers';
import { revokeCoupons } from './revoke-coupons';

export const revokeHandlers: HandlerGroup<'coupons-revoke'> = {
  'coupons-revoke': (input, ctx) => revokeCoupons(input, ctx),
};
