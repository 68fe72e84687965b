import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { findCoupon } from './find-coupon';
import { evaluate, notFoundReasons, presentedCode, ratesFor } from './presented-code';
import { loadRedemptionFacts } from './redemption-facts';

type ValidateInput = OpParsedInput<'redemptions-validate'>;
type ValidateOutput = OpOutput<'redemptions-validate'>;

/**
 * May this code be redeemed for this bill, customer, store and time? Read-only: store context,
 * customer, coupon with its offer, and the redemption history are four indexed statements.
 */
export async function validateRedemption(
  input: ValidateInput,
  ctx: HandlerContext,
): Promise<ValidateOutput> {
  const p = await presentedCode(input, ctx);
  const found = await findCoupon(ctx.sql, p.code, p.customer?.id ?? null);
  if (!found || !found.coupon) {
    return {
      valid: false,
      discount: null,
      reasons: [...p.requestReasons, ...notFoundReasons(p, found)],
      offerId: found?.offer.id ?? null,
      offerName: found?.offer.name ?? null,
      couponId: null,
    };
  }
  const { facts } = await loadRedemptionFacts(ctx.sql, {
    offer: found.offer,
    coupon: found.coupon,
    customer: p.customer,
    seriesRedeemed: found.seriesRedeemed,
    rates: await ratesFor(ctx.sql, found.offer, p),
    clientId: null,
  });
  const result = evaluate(facts, p);
  return {
    valid: result.ok,
    discount: result.ok ? result.value : null,
    reasons: result.ok ? [] : result.reasons,
    offerId: found.offer.id,
    offerName: found.offer.name,
    couponId: found.coupon.id,
  };
}
