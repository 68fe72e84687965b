import { ApiError } from '#shared/api/errors';
import { normalizeCode } from '#shared/codes/normalize';
import type { SqlPort } from '#shared/sql/port';
import { findCustomerByRef } from '../customers/index';
import { offerColumns, offerFromRow, type OfferRow } from '../offers/index';
import {
  couponColumnsPrefixed,
  couponFromPrefixedRow,
  describeCoupon,
  type IssuedCoupon,
} from './coupon-row';

/**
 * Member-care reads: a code's coupons, a customer's coupons, each with its status now, its
 * reversal status (isReversed, lastStatusChangeOn) and its offer's name.
 */

/** A common code is held by every recipient; a look-up by code shows at most this many. */
export const MAX_COUPONS_PER_CODE = 200;

const byCodeSql = /* sql */ `SELECT ${couponColumnsPrefixed}, ${offerColumns}
  FROM coupons c JOIN offers o ON o.id = c.offer_id
  WHERE c.code = $1
  ORDER BY c.issued_at DESC NULLS LAST, c.id
  LIMIT ${MAX_COUPONS_PER_CODE}`;

const byCustomerSql = /* sql */ `SELECT ${couponColumnsPrefixed}, ${offerColumns}
  FROM coupons c JOIN offers o ON o.id = c.offer_id
  WHERE c.customer_id = $1
  ORDER BY c.issued_at DESC NULLS LAST, c.id`;

function describeRows(rows: OfferRow[], at: string): IssuedCoupon[] {
  // Offers repeat across rows; parse each offer's config once.
  const offers = new Map<string, ReturnType<typeof offerFromRow>>();
  return rows.map((row) => {
    let offer = offers.get(row.id);
    if (!offer) {
      offer = offerFromRow(row);
      offers.set(row.id, offer);
    }
    return describeCoupon(couponFromPrefixedRow(row), offer, at);
  });
}

export async function couponsByCode(
  sql: SqlPort,
  rawCode: string,
  at: string,
): Promise<IssuedCoupon[]> {
  const rows = await sql.query<OfferRow>(byCodeSql, [normalizeCode(rawCode)]);
  return describeRows(rows, at);
}

export async function couponsOfCustomer(
  sql: SqlPort,
  ref: string,
  at: string,
): Promise<IssuedCoupon[]> {
  const customer = await findCustomerByRef(sql, ref);
  if (!customer) {
    throw new ApiError('NOT_FOUND', `No customer with ${ref}`, { field: 'ref', ref });
  }
  const rows = await sql.query<OfferRow>(byCustomerSql, [customer.id]);
  return describeRows(rows, at);
}
