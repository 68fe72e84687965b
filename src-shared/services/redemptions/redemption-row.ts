import type { Redemption } from '../../api/operations/redemptions';
import type { SqlRow } from '../../sql/port';
import { isoOf, isoOrNull, strOrNull } from '../shared/values';

/** Redemption columns under alias r, plus the offer's name (alias o). */
export const redemptionColumns = /* sql */ `r.id, r.coupon_id, r.offer_id, o.name AS offer_name,
  r.code, r.customer_id, r.store_id, r.till_id, r.bill_amount::text AS bill_amount, r.currency,
  r.discount::text AS discount, r.redeemed_at, r.reversed_at, r.reversal_id, r.classification`;

export type RedemptionRow = SqlRow & {
  id: string;
  coupon_id: string;
  offer_id: string;
  offer_name: string;
  code: string;
  customer_id: string | null;
  store_id: string;
  till_id: string;
  bill_amount: string;
  currency: string;
  discount: string;
  redeemed_at: unknown;
  reversed_at: unknown;
  reversal_id: string | null;
  classification: string | null;
};

export function redemptionFromRow(row: RedemptionRow): Redemption {
  return {
    id: row.id,
    couponId: row.coupon_id,
    offerId: row.offer_id,
    offerName: row.offer_name,
    code: row.code,
    customerId: strOrNull(row.customer_id),
    storeId: row.store_id,
    tillId: row.till_id,
    billAmount: String(row.bill_amount),
    currency: row.currency,
    discount: String(row.discount),
    redeemedAt: isoOf(row.redeemed_at),
    reversedAt: isoOrNull(row.reversed_at),
    classification: strOrNull(row.classification),
  };
}

export const redemptionByIdSql = /* sql */ `SELECT ${redemptionColumns}
  FROM redemptions r JOIN offers o ON o.id = r.offer_id WHERE r.id = $1`;
