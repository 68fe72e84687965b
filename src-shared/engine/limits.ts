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

/** Max redemptions of one code by everyone together; null = no limit. */
export const effectiveCodeLimit = (offer: Offer): number | null =>
  allowsAnyone(offer)
    ? offer.redemption.codeLimit
    : minLimit(offer.redemption.codeLimit, perCustomerCap(offer));

/** Unique, uploaded and randomized codes must be issued to someone before anyone can redeem. */
export const needsIssuance = (offer: Offer): boolean => offer.codeGeneration.method !== 'COMMON';
