import type { HandlerGroup } from '#shared/api/handlers';
import { listRedemptions } from './list-redemptions';
import { redeem } from './redeem';
import { reverseRedemption } from './reverse';
import { validateRedemption } from './validate-redemption';

export const redemptionsHandlers: HandlerGroup<
  'redemptions-validate' | 'redemptions-redeem' | 'redemptions-reverse' | 'redemptions-list'
> = {
  'redemptions-validate': (input, ctx) => validateRedemption(input, ctx),
  'redemptions-redeem': (input, ctx) => redeem(input, ctx),
  'redemptions-reverse': (input, ctx) => reverseRedemption(input, ctx),
  'redemptions-list': (input, ctx) => listRedemptions(input, ctx),
};
