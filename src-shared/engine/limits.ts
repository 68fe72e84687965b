import type { Offer } from '../domain/offer';

/**
 * How the redemption limits combine, per the seed's 14-row matrix:
 *  - third-party delivery never allows "anyone" (the system does not know the sharing rules);
 *  - "redeem more than once" off means one redemption per customer per code;
 *  - when only the recipient may redeem, the code belongs to them, so the code-level limit
 *    equals the customer-level limit.
 */
export const allowsAnyone = (offer: Offer): boolean =>
  offer.delivery !== 'THIRD_PARTY' && offer.redemption.allowAnyone;

const minLimit = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** Max redemptions of one code by one customer; null = no limit. */
export const perCustomerCap = (offer: Offer): number | null => {
  const r = offer.redemption;
  return r.moreThanOnce ? r.customerLimit : minLimit(1, r.customerLimit);
};

/**
 * Whose redemptions a code-level limit counts. A unique code is one coupon, so its own. A
 * common code is one string shared by all its recipients, each holding their own coupon of it:
 * where anyone may redeem, the code is shared and its limit counts every redemption of it in
 * the offer; where only recipients may, the seed makes the code limit the customer limit, so
 * each recipient's coupon carries its own allowance and counts only its own redemptions
 * (otherwise the first recipient would use the code up for everyone). Series limits are
 * offer-wide either way.
 */
export const codeLimitCountsWholeOffer = (offer: Offer): boolean =>
  offer.codeGeneration.method === 'COMMON' && allowsAnyone(offer);

/** Max redemptions of one code (see codeLimitCountsWholeOffer for whose); null = no limit. */
export const effectiveCodeLimit = (offer: Offer): number | null =>
  allowsAnyone(offer)
    ? offer.redemption.codeLimit
    : minLimit(offer.redemption.codeLimit, perCustomerCap(offer));

/**
 * Unique, uploaded and randomized codes must be issued to someone before anyone can redeem.
 * A common code's coupons are its issuances, so an issued one always is; a common code with no
 * coupon at all has been issued to nobody and is refused COUPON_NOT_ISSUED even where anyone
 * may redeem it (seed: "You need to issue the coupon to at least one user to enable it for
 * redemption by any customer"; services/redemptions/presented-code.ts).
 */
export const needsIssuance = (offer: Offer): boolean => offer.codeGeneration.method !== 'COMMON';
