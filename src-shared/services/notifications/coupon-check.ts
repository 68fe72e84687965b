import type { Coupon } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import { couponStatusAt, offerStatusAt } from '#shared/engine/status';
import type { SqlPort } from '#shared/sql/port';
import { couponColumns, couponFromRow, type CouponRow } from '../coupons/index';
import { strOrNull } from '../shared/values';

export type Holder = {
  coupon: Coupon;
  customerId: string;
  name: string;
  email: string | null;
  mobile: string | null;
  /** The home store's zone, or null (then the org's applies). */
  storeZone: string | null;
};

const holderSql = /* sql */ `SELECT ${couponColumns}, cu.name AS cu_name, cu.email AS cu_email,
    cu.mobile AS cu_mobile, s.time_zone AS store_zone
  FROM coupons c
  JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN org_entities s ON s.id = cu.home_store_id AND s.type = 'STORE'
  WHERE c.id = $1`;

export async function loadHolder(sql: SqlPort, couponId: string): Promise<Holder | null> {
  const rows = await sql.query<CouponRow>(holderSql, [couponId]);
  const row = rows[0];
  if (!row || row.customer_id === null) return null;
  return {
    coupon: couponFromRow(row),
    customerId: row.customer_id,
    name: String(row.cu_name ?? ''),
    email: strOrNull(row.cu_email),
    mobile: strOrNull(row.cu_mobile),
    storeZone: strOrNull(row.store_zone),
  };
}

/**
 * Why a message about this coupon should no longer go out at `now`, or null when it still
 * should: the coupon is revoked, used up, expired, or its offer has ended. `dueAt` is named in
 * the reason so back office can see the message was late (the hub was down), not forgotten.
 */
export function couponSkipReason(
  holder: Holder,
  offer: Offer,
  now: string,
  dueAt: string,
): string | null {
  const c = holder.coupon;
  switch (couponStatusAt(c, now, offer)) {
    case 'ACTIVE':
      return null;
    case 'REVOKED':
      return `Coupon ${c.code} was revoked${c.revokedAt ? ` on ${c.revokedAt}` : ''}`;
    case 'REDEEMED':
      return `Coupon ${c.code} was already redeemed`;
    case 'UNISSUED':
      return `Coupon ${c.code} is not issued to anyone`;
    case 'EXPIRED':
      if (offerStatusAt(offer, now) === 'EXPIRED') {
        return `Offer "${offer.name}" ended on ${offer.expiry.endsAt} before this could be sent (it was due ${dueAt})`;
      }
      return `Coupon ${c.code} expired on ${c.expiresAt} before this could be sent (it was due ${dueAt})`;
  }
}
