import type { OfferConfig } from '../domain/offer';
import { reason, type Reason } from '../domain/reasons';

/**
 * Settings that are each valid but cannot go together, refused with the reason and the fix
 * rather than saved and silently ignored. The API runs these on every create and edit, and
 * the offer editor runs them on the draft so the reason shows next to the field before saving.
 *  - Third-party delivery: only the recipient may redeem (seed: "system doesn't allow 'allow
 *    anyone to redeem it' as true" for third-party series).
 *  - "Along with the offer" coupon expiry: the seed allows it only when the offer expires on a
 *    fixed date; an offer that ends with its campaign has no end to share yet.
 */
export const offerCombinationReasons = (config: OfferConfig): Reason[] => {
  const reasons: Reason[] = [];
  if (config.delivery === 'THIRD_PARTY' && config.redemption.allowAnyone) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        'Coupons issued through a third party can be redeemed only by their recipient (the third party’s sharing rules are unknown here); turn off "allow anyone to redeem"',
        'redemption.allowAnyone',
      ),
    );
  }
  if (config.couponExpiry.type === 'WITH_OFFER' && config.expiry.type !== 'FIXED_DATE') {
    reasons.push(
      reason(
        'INVALID_FIELD',
        'Coupon expiry "along with the offer" (WITH_OFFER, the default) applies only to offers that end on a fixed date; for an offer that ends with its campaign, choose days (DAYS_FROM_ISSUE) or month ends (MONTH_ENDS_FROM_ISSUE) from issual',
        'couponExpiry.type',
      ),
    );
  }
  return reasons;
};
