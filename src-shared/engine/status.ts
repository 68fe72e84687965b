import type { Coupon, CouponStatus } from '../domain/coupon';
import type { Offer } from '../domain/offer';
import { effectiveCodeLimit } from './limits';
import { instantMs, parseInstant } from './time';
import type { OfferStatus } from './types';

/**
 * The offer has no start date of its own, so it starts when it was created; it ends at its
 * expiry (inclusive) when one is set.
 */
export const offerStatusAt = (offer: Offer, at: string): OfferStatus => {
  const ms = instantMs(at);
  const created = parseInstant(offer.createdAt);
  if (created !== null && ms < created.toMillis()) return 'NOT_STARTED';
  const end = offer.expiry.endsAt === null ? null : parseInstant(offer.expiry.endsAt);
  if (end !== null && ms > end.toMillis()) return 'EXPIRED';
  return 'ACTIVE';
};

/**
 * A coupon's status at `at`. Revoked wins; then unissued; then redeemed (its code-level limit
 * used up: the configured one, or the per-customer cap when only the recipient may redeem);
 * then expired (its own expiry or the offer's end); otherwise active.
 */
export const couponStatusAt = (coupon: Coupon, at: string, offer: Offer): CouponStatus => {
  if (coupon.state === 'REVOKED') return 'REVOKED';
  if (coupon.issuedAt === null && offer.codeGeneration.method !== 'COMMON') return 'UNISSUED';
  const limit = effectiveCodeLimit(offer);
  if (limit !== null && coupon.redemptionCount >= limit) return 'REDEEMED';
  const ms = instantMs(at);
  const expires = coupon.expiresAt === null ? null : parseInstant(coupon.expiresAt);
  if (expires !== null && ms > expires.toMillis()) return 'EXPIRED';
  if (offerStatusAt(offer, at) === 'EXPIRED') return 'EXPIRED';
  return 'ACTIVE';
};
