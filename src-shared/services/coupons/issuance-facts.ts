import { DateTime } from 'luxon';
import type { PastIssuance } from '#shared/domain/coupon';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import { RESTRICTED_LOOKBACK_MONTHS } from '#shared/engine/issuance';
import { couponStatusAt } from '#shared/engine/status';
import type { IssuanceFacts } from '#shared/engine/types';
import type { SqlPort } from '#shared/sql/port';
import { isInAudience, readsAudience } from '../audience/index';
import { textArrayLiteral } from '../shared/text-array';
import { isoOf } from '../shared/values';
import { couponColumns, couponFromRow, type CouponRow } from './coupon-row';

/**
 * Live issuances: issued coupons that are not revoked. A revoked coupon no longer counts
 * against "max issuals per customer" (the seed's transfer: revoke, then issue again).
 *
 * One index probe (coupons_customer) per customer of the batch. Written as `customer_id =
 * ANY(…)` the planner scans every coupon of the offer instead once the batch is large (5,000
 * ids), so each upload batch cost grew with the coupons already issued: quadratic over a
 * million-row file (bench/suites/issuance.ts). OFFSET 0 keeps the lateral subquery from being
 * flattened back into that plan.
 */
const liveIssuancesSql = /* sql */ `SELECT c.* FROM unnest($2::text[]) AS u(customer_id)
  CROSS JOIN LATERAL (SELECT ${couponColumns} FROM coupons c
    WHERE c.customer_id = u.customer_id AND c.offer_id = $1
      AND c.issued_at IS NOT NULL AND c.state = 'ACTIVE' OFFSET 0) c`;

const restrictedSql = /* sql */ `SELECT c.* FROM unnest($1::text[]) AS u(customer_id)
  CROSS JOIN LATERAL (SELECT c.offer_id, c.customer_id, c.id, c.code, c.issued_at
    FROM coupons c
    WHERE c.customer_id = u.customer_id AND c.offer_id = ANY($2::text[]) AND c.issued_at >= $3
    OFFSET 0) c`;

/**
 * Whether any issuance rule of this offer reads the customer's earlier issuances in it
 * (engine/issuance.ts: the per-customer maximum and the gap, unless a third party delivers;
 * one generic coupon per customer; "send the existing valid coupon"). When none does, the
 * decision is the same with or without them, so bulk issuance need not load them.
 */
export function issuanceReadsHistory(offer: Offer): boolean {
  const s = offer.issuance;
  const controllable = offer.delivery !== 'THIRD_PARTY';
  return (
    (controllable && s.maxPerCustomer !== null) ||
    (controllable && s.minGapDays !== null && s.minGapDays > 0) ||
    offer.codeGeneration.method === 'COMMON' ||
    s.onRematch === 'SEND_EXISTING'
  );
}

/** This offer's live issuances of each customer, keyed by customer id (absent = none). */
export async function loadCustomerIssuances(
  sql: SqlPort,
  offer: Offer,
  customerIds: readonly string[],
  at: string,
): Promise<Map<string, PastIssuance[]>> {
  const byCustomer = new Map<string, PastIssuance[]>();
  if (customerIds.length === 0) return byCustomer;
  const rows = await sql.query<CouponRow>(liveIssuancesSql, [
    offer.id,
    textArrayLiteral([...new Set(customerIds)]),
  ]);
  // Only "send the existing valid coupon" asks whether a coupon is still valid; working it out
  // reads dates (luxon), which adds up over a re-uploaded file of a million customers.
  const askValid = offer.issuance.onRematch === 'SEND_EXISTING';
  for (const row of rows) {
    const coupon = couponFromRow(row);
    const customerId = coupon.customerId as string;
    const list = byCustomer.get(customerId) ?? [];
    list.push({
      offerId: offer.id,
      customerId,
      couponId: coupon.id,
      code: coupon.code,
      issuedAt: coupon.issuedAt as string,
      stillValid: askValid && couponStatusAt(coupon, at, offer) === 'ACTIVE',
    });
    byCustomer.set(customerId, list);
  }
  return byCustomer;
}

/**
 * Issuances of the offers this one excludes ("restrict based on past issuals"), loaded with a
 * day of slack before the look-back window; the engine applies the exact window.
 */
export async function loadRestrictedIssuances(
  sql: SqlPort,
  offer: Offer,
  customerIds: readonly string[],
  at: string,
): Promise<PastIssuance[]> {
  const offerIds = offer.issuance.restrictPastIssualsOfOfferIds;
  if (offerIds.length === 0 || customerIds.length === 0) return [];
  const since = DateTime.fromISO(at, { zone: 'utc' })
    .minus({ months: RESTRICTED_LOOKBACK_MONTHS, days: 1 })
    .toISO();
  const rows = await sql.query<{
    offer_id: string;
    customer_id: string;
    id: string;
    code: string;
    issued_at: unknown;
  }>(restrictedSql, [textArrayLiteral([...new Set(customerIds)]), offerIds, since]);
  return rows.map((r) => ({
    offerId: r.offer_id,
    customerId: r.customer_id,
    couponId: r.id,
    code: r.code,
    issuedAt: isoOf(r.issued_at),
    stillValid: false,
  }));
}

/** The issued count under the caller's offer row lock (offers.issued_count never decreases). */
export async function loadIssuedCount(sql: SqlPort, offerId: string): Promise<number> {
  const rows = await sql.query<{ issued_count: unknown }>(
    'SELECT issued_count FROM offers WHERE id = $1',
    [offerId],
  );
  return rows[0] ? Number(rows[0].issued_count) : 0;
}

/** Everything checkIssuance needs for one customer. */
export async function loadIssuanceFacts(
  sql: SqlPort,
  offer: Offer,
  customer: Customer,
  at: string,
  timeZone: string,
): Promise<IssuanceFacts> {
  const [mine, restricted, offerIssuedCount, inAudience] = [
    await loadCustomerIssuances(sql, offer, [customer.id], at),
    await loadRestrictedIssuances(sql, offer, [customer.id], at),
    await loadIssuedCount(sql, offer.id),
    readsAudience(offer) ? await isInAudience(sql, offer.id, customer.id) : false,
  ];
  return {
    offer,
    customer,
    at,
    timeZone,
    customerIssuances: mine.get(customer.id) ?? [],
    offerIssuedCount,
    restrictedIssuances: restricted,
    inAudience,
  };
}
