import type { Coupon, PastRedemption } from '../../domain/coupon';
import type { Customer } from '../../domain/customer';
import type { Offer } from '../../domain/offer';
import type { CurrencyRate } from '../../domain/org';
import { effectiveCodeLimit } from '../../engine/limits';
import type { RedemptionFacts } from '../../engine/types';
import type { SqlPort } from '../../sql/port';
import { isoOf, strOrNull } from '../shared/values';

/**
 * One statement loads every redemption the rules need, by three indexed look-ups:
 *  k=1 the code's live redemptions, at most as many as its limit (reaching the limit is all
 *      that matters; with no code limit none are needed, the customer's own come from k=2);
 *  k=2 the presenting customer's live redemptions in the offer (gaps and per-customer caps);
 *  k=3 a redemption already recorded under this request's client id (idempotent retries).
 * A common code is one code for the whole offer, so its redemptions are the offer's.
 */
const factsSql = {
  unique: /* sql */ `(SELECT 1 AS k, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.coupon_id = $1 AND r.reversed_at IS NULL LIMIT $2)
    UNION ALL
    (SELECT 2, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.offer_id = $3 AND r.customer_id = $4 AND r.reversed_at IS NULL)
    UNION ALL
    (SELECT 3, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.id = $5)`,
  common: /* sql */ `(SELECT 1 AS k, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.offer_id = $3 AND r.code = $1 AND r.reversed_at IS NULL
       LIMIT $2)
    UNION ALL
    (SELECT 2, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.offer_id = $3 AND r.customer_id = $4 AND r.reversed_at IS NULL)
    UNION ALL
    (SELECT 3, r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at
       FROM redemptions r WHERE r.id = $5)`,
} as const;

type Row = {
  k: unknown;
  id: string;
  coupon_id: string;
  code: string;
  customer_id: string | null;
  redeemed_at: unknown;
};

const toPast = (r: Row): PastRedemption => ({
  id: r.id,
  couponId: r.coupon_id,
  code: r.code,
  customerId: strOrNull(r.customer_id),
  redeemedAt: isoOf(r.redeemed_at),
  reversed: false,
});

export type LoadedFacts = {
  facts: RedemptionFacts;
  /** The redemption already recorded under the request's client id, if any. */
  existing: PastRedemption | null;
};

export async function loadRedemptionFacts(
  sql: SqlPort,
  args: {
    offer: Offer;
    coupon: Coupon | null;
    customer: Customer | null;
    seriesRedeemed: number;
    rates: CurrencyRate[];
    clientId: string | null;
  },
): Promise<LoadedFacts> {
  const { offer, coupon, customer } = args;
  const codeLimit = effectiveCodeLimit(offer);
  const common = offer.codeGeneration.method === 'COMMON';
  const rows =
    coupon === null && customer === null && args.clientId === null
      ? []
      : await sql.query<Row>(common ? factsSql.common : factsSql.unique, [
          common ? (coupon?.code ?? null) : (coupon?.id ?? null),
          codeLimit ?? 0,
          offer.id,
          customer?.id ?? null,
          args.clientId,
        ]);
  const codeRedemptions: PastRedemption[] = [];
  const customerOfferRedemptions: PastRedemption[] = [];
  let existing: PastRedemption | null = null;
  for (const row of rows) {
    const k = Number(row.k);
    if (k === 1) codeRedemptions.push(toPast(row));
    else if (k === 2) customerOfferRedemptions.push(toPast(row));
    else existing = toPast(row);
  }
  return {
    facts: {
      offer,
      coupon,
      customer,
      codeRedemptions,
      customerOfferRedemptions,
      seriesRedemptionCount: args.seriesRedeemed,
      rates: args.rates,
    },
    existing,
  };
}
