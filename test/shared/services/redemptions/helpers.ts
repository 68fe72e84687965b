import type { HandlerContext } from '#shared/api/handlers';
import { redemptionRequest } from '#shared/api/operations/redemptions';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import { redeem } from '#shared/services/redemptions/redeem';
import { validateRedemption } from '#shared/services/redemptions/validate-redemption';
import { newId } from '#shared/services/shared/ids';
import { apiError, reasonCodes } from '../coupons/fixtures';

/** A till request at S1 / TS1-1 for a bill of 1000, parsed as the API would. */
export const request = (code: string, customer: Customer | null, over: object = {}) =>
  redemptionRequest.parse({
    code,
    ...(customer ? { customer: { userId: customer.userId } } : {}),
    billAmount: '1000',
    storeId: 'S1',
    tillId: 'TS1-1',
    ...over,
  });

export const redeemAs = (
  ctx: HandlerContext,
  code: string,
  who: Customer | null,
  over: object = {},
) => redeem(request(code, who, { clientId: newId(), ...over }), ctx);

export const validateAs = (
  ctx: HandlerContext,
  code: string,
  who: Customer | null,
  over: object = {},
) => validateRedemption(request(code, who, over), ctx);

/** The reason codes a refused redeem gives (failing the test when it is not refused). */
export async function refusal(p: Promise<unknown>): Promise<string[]> {
  const e = await apiError(p);
  if (e.code !== 'RULE_FAILED') throw e;
  return reasonCodes(e);
}

/** Issues a coupon of the offer to the customer and returns its code. */
export async function issueTo(ctx: HandlerContext, offer: Offer, who: Customer): Promise<string> {
  const out = await issueCoupon({ id: offer.id, customer: { userId: who.userId as string } }, ctx);
  return out.coupon.code;
}
