import { z } from 'zod';
import { id, instant } from './primitives';

/** Stored state; "redeemed" and "expired" are derived from counts and dates at a given instant. */
export const couponStoredState = z.enum(['ACTIVE', 'REVOKED']);
export const couponStatus = z.enum(['UNISSUED', 'ACTIVE', 'REDEEMED', 'EXPIRED', 'REVOKED']);
export type CouponStatus = z.infer<typeof couponStatus>;

export const coupon = z.object({
  id,
  offerId: id,
  code: z.string(),
  customerId: id.nullable(),
  state: couponStoredState,
  issuedAt: instant.nullable(),
  expiresAt: instant.nullable(),
  redemptionCount: z.number().int(),
  revokedAt: instant.nullable(),
  isReversed: z.boolean(),
  lastStatusChangeOn: instant,
  createdAt: instant,
});
export type Coupon = z.infer<typeof coupon>;

/** A redemption already recorded, as the rules engine needs it (history checks). */
export type PastRedemption = {
  id: string;
  couponId: string;
  code: string;
  customerId: string | null;
  redeemedAt: string;
  reversed: boolean;
};

/** A past issuance, as the issuance rules need it. */
export type PastIssuance = {
  offerId: string;
  customerId: string;
  couponId: string;
  code: string;
  issuedAt: string;
  /** Whether the coupon is still redeemable (for "send existing valid coupon"). */
  stillValid: boolean;
};
