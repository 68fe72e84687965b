import type { Coupon, CouponStatus } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import { couponStatusAt } from '#shared/engine/status';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, isoOrNull, numOf, strOrNull } from '../shared/values';

/** Coupon columns under alias c. */
export const couponColumns = /* sql */ `c.id, c.offer_id, c.code, c.code_unique, c.customer_id,
  c.state, c.issued_at, c.expires_at, c.redemption_count, c.revoked_at, c.is_reversed,
  c.last_status_change_on, c.created_at`;

/**
 * The same columns prefixed c_, for statements that also select an offer's columns (which
 * share names such as id and created_at).
 */
export const couponColumnsPrefixed = /* sql */ `c.id AS c_id, c.offer_id AS c_offer_id,
  c.code AS c_code, c.code_unique AS c_code_unique, c.customer_id AS c_customer_id,
  c.state AS c_state, c.issued_at AS c_issued_at, c.expires_at AS c_expires_at,
  c.redemption_count AS c_redemption_count, c.revoked_at AS c_revoked_at,
  c.is_reversed AS c_is_reversed, c.last_status_change_on AS c_last_status_change_on,
  c.created_at AS c_created_at`;

export type CouponRow = SqlRow & {
  id: string;
  offer_id: string;
  code: string;
  code_unique: boolean;
  customer_id: string | null;
  state: string;
  issued_at: unknown;
  expires_at: unknown;
  redemption_count: unknown;
  revoked_at: unknown;
  is_reversed: boolean;
  last_status_change_on: unknown;
  created_at: unknown;
};

export function couponFromRow(row: CouponRow): Coupon {
  return {
    id: row.id,
    offerId: row.offer_id,
    code: row.code,
    customerId: strOrNull(row.customer_id),
    state: row.state === 'REVOKED' ? 'REVOKED' : 'ACTIVE',
    issuedAt: isoOrNull(row.issued_at),
    expiresAt: isoOrNull(row.expires_at),
    redemptionCount: numOf(row.redemption_count),
    revokedAt: isoOrNull(row.revoked_at),
    isReversed: row.is_reversed === true,
    lastStatusChangeOn: isoOf(row.last_status_change_on),
    createdAt: isoOf(row.created_at),
  };
}

/** Reads the c_-prefixed columns of couponColumnsPrefixed. */
export function couponFromPrefixedRow(row: SqlRow): Coupon {
  return couponFromRow({
    id: row.c_id as string,
    offer_id: row.c_offer_id as string,
    code: row.c_code as string,
    code_unique: row.c_code_unique as boolean,
    customer_id: row.c_customer_id as string | null,
    state: row.c_state as string,
    issued_at: row.c_issued_at,
    expires_at: row.c_expires_at,
    redemption_count: row.c_redemption_count,
    revoked_at: row.c_revoked_at,
    is_reversed: row.c_is_reversed as boolean,
    last_status_change_on: row.c_last_status_change_on,
    created_at: row.c_created_at,
  });
}

export type IssuedCoupon = Coupon & { status: CouponStatus; offerName: string };

/** A coupon as the API shows it: with its status at `at` and its offer's name. */
export function describeCoupon(coupon: Coupon, offer: Offer, at: string): IssuedCoupon {
  return { ...coupon, status: couponStatusAt(coupon, at, offer), offerName: offer.name };
}
