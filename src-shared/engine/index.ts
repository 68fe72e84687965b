// The rules engine: pure functions shared by the till, the hub and the UI preview.
export { checkClaim } from './claim';
export { couponExpiresAt, offerEndsAt } from './coupon-expiry';
export { computeDiscount } from './discount';
export { eligibleAmount, isItemEligible, matchesApplicability } from './eligibility';
export { validateIdentifier } from './identifier';
export { checkIssuance, RESTRICTED_LOOKBACK_MONTHS } from './issuance';
export {
  allowsAnyone,
  codeLimitCountsWholeOffer,
  effectiveCodeLimit,
  needsIssuance,
  perCustomerCap,
} from './limits';
export { convert, findRate } from './money';
export { checkOfferEdit, configOf, type OfferEditPatch } from './offer-edit';
export { reasonCodes, type ReasonCode } from './reason-codes';
export { checkRedemption } from './redemption';
export { couponStatusAt, offerStatusAt } from './status';
export type * from './types';
