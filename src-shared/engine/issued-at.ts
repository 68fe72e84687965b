import { reason, type Reason } from '../domain/reasons';

/**
 * A migrated coupon keeps the time it was issued, which cannot be later than now: a future
 * issue time would hold the coupon back and stretch its expiry. One rule, one message, for
 * the single-issue API and every CSV row (services/coupons/issue-coupon.ts, uploads).
 */
export const futureIssuedAtReason = (
  raw: string,
  issuedMs: number,
  nowMs: number,
): Reason | null =>
  issuedMs > nowMs
    ? reason(
        'INVALID_ISSUED_AT',
        `issuedAt "${raw}" is in the future; give the time the coupon was actually issued`,
        'issuedAt',
      )
    : null;
