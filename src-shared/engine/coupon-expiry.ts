import type { DateTime } from 'luxon';
import type { Offer } from '../domain/offer';
import { inZone, parseInstant, toUtcIso } from './time';

/** The offer's end, or null while it has none (a campaign offer whose campaign end is unset). */
export const offerEndsAt = (offer: Offer): string | null => offer.expiry.endsAt;

const earlier = (a: DateTime, bIso: string | null): DateTime => {
  if (bIso === null) return a;
  const b = parseInstant(bIso);
  return b !== null && b.toMillis() < a.toMillis() ? b : a;
};

/**
 * When a coupon issued at `issuedAt` expires, as a UTC ISO instant (null = never).
 *  - WITH_OFFER: the offer's end; a loyalty program's coupons never expire (seed: "If the offer
 *    is used in Loyalty and you select this option then coupons will not expire").
 *  - DAYS_FROM_ISSUE N: 23:59:59.999 local on the issue date + N days.
 *  - MONTH_ENDS_FROM_ISSUE N: 23:59:59.999 local on the last day of the issue month + N months.
 * Never later than the offer's end. Local means `timeZone` (the store's, or the org's).
 */
export const couponExpiresAt = (
  offer: Offer,
  issuedAt: string,
  timeZone: string,
): string | null => {
  const rule = offer.couponExpiry;
  const offerEnd = offerEndsAt(offer);
  if (rule.type === 'WITH_OFFER') {
    if (offer.claim?.consumerType === 'LOYALTY') return null;
    const end = offerEnd === null ? null : parseInstant(offerEnd);
    return end === null ? null : toUtcIso(end);
  }
  const issued = inZone(issuedAt, timeZone);
  // luxon's calendar arithmetic keeps the wall clock across DST and clamps month ends (31 → 30).
  const own =
    rule.type === 'DAYS_FROM_ISSUE'
      ? issued.plus({ days: rule.days }).endOf('day')
      : issued.startOf('month').plus({ months: rule.months }).endOf('month');
  return toUtcIso(earlier(own, offerEnd));
};
