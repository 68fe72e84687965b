import { Decimal } from 'decimal.js';
import type { OfferSummary } from '#shared/api/operations/offers';
import type { ConsumerType, OfferConfig } from '#shared/domain/offer';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, isoOrNull, jsonOf, numOf } from '../shared/values';

const consumerLabel: Record<ConsumerType, string> = {
  DVS: 'DVS',
  OUTBOUND: 'Outbound',
  TIMELINE: 'Timeline',
  LOYALTY: 'Loyalty',
};

/** "Loyalty: Gold program" — who holds the offer, as the list shows it. */
export const claimedByLabel = (type: string | null, name: string | null): string | null =>
  type === null ? null : `${consumerLabel[type as ConsumerType] ?? type}: ${name ?? ''}`;

const money = (s: string): string => new Decimal(s).toFixed(2);

/** "INR 100.00 off", "10% off", "10% up to INR 200.00". Currency codes, never symbols. */
export function discountLabel(discount: OfferConfig['discount'], defaultCurrency: string): string {
  if (discount.type === 'FIXED') return `${discount.currency} ${money(discount.amount)} off`;
  const pct = `${new Decimal(discount.percent).toString()}%`;
  if (discount.maxDiscount === null) return `${pct} off`;
  const ccy = discount.maxDiscountCurrency ?? defaultCurrency;
  return `${pct} up to ${ccy} ${money(discount.maxDiscount)}`;
}

/** The numbers behind discountLabel: a fixed amount, or a percentage and its cap. */
export function discountParts(
  discount: OfferConfig['discount'],
  defaultCurrency: string,
): OfferSummary['discountParts'] {
  if (discount.type === 'FIXED') {
    return { percent: null, amount: money(discount.amount), currency: discount.currency };
  }
  const percent = new Decimal(discount.percent).toString();
  if (discount.maxDiscount === null) return { percent, amount: null, currency: null };
  return {
    percent,
    amount: money(discount.maxDiscount),
    currency: discount.maxDiscountCurrency ?? defaultCurrency,
  };
}

/**
 * What a summary reads: columns, the discount sub-document (not the whole config), and its
 * creator: one probe of the audit log's (entity_type, entity_id) index per row, so a statement
 * using it selects its page of offers first.
 * $1 in the statement using it must be the instant "active" is judged at.
 */
export const summaryColumns = /* sql */ `o.id, o.name, o.offer_code, o.code_method, o.ends_at,
  o.config->'discount' AS discount, o.claim_consumer_type, o.claim_consumer_name,
  o.issued_count, o.redeemed_count, o.sync_enabled, o.created_at, o.modified_at,
  (o.starts_at <= $1::timestamptz AND (o.ends_at IS NULL OR o.ends_at >= $1::timestamptz)) AS active,
  CASE WHEN o.starts_at > $1::timestamptz THEN 'SCHEDULED'
       WHEN o.ends_at < $1::timestamptz THEN 'ENDED' ELSE 'ACTIVE' END AS status,
  (SELECT a.actor FROM audit_log a
    WHERE a.entity_type = 'offer' AND a.entity_id = o.id AND a.action = 'offer.create'
    ORDER BY a.id LIMIT 1) AS created_by`;

export type SummaryRow = SqlRow & {
  id: string;
  name: string;
  offer_code: string;
  code_method: string;
  ends_at: unknown;
  discount: unknown;
  claim_consumer_type: string | null;
  claim_consumer_name: string | null;
  issued_count: unknown;
  redeemed_count: unknown;
  sync_enabled: boolean;
  created_at: unknown;
  modified_at: unknown;
  active: boolean;
  status: OfferSummary['status'];
  created_by: string | null;
};

export function summaryFromRow(row: SummaryRow, defaultCurrency: string): OfferSummary {
  const discount = jsonOf<OfferConfig['discount']>(row.discount);
  return {
    id: row.id,
    name: row.name,
    offerCode: row.offer_code,
    discountType: discount.type,
    discountLabel: discountLabel(discount, defaultCurrency),
    discountParts: discountParts(discount, defaultCurrency),
    codeMethod: row.code_method,
    expiresAt: isoOrNull(row.ends_at),
    active: row.active,
    status: row.status,
    claimedBy: claimedByLabel(row.claim_consumer_type, row.claim_consumer_name),
    issuedCount: numOf(row.issued_count),
    redeemedCount: numOf(row.redeemed_count),
    syncToInStore: row.sync_enabled,
    createdAt: isoOf(row.created_at),
    createdBy: row.created_by,
    modifiedAt: isoOf(row.modified_at),
  };
}
