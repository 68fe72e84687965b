import type { HandlerGroup } from '#shared/api/handlers';
import { previewRevoke, revokeCoupons } from './revoke-coupons';

export const revokeHandlers: HandlerGroup<'coupons-revoke' | 'coupons-revoke-preview'> = {
  'coupons-revoke': (input, ctx) => revokeCoupons(input, ctx),
  'coupons-revoke-preview': (input, ctx) => previewRevoke(input, ctx),
};
