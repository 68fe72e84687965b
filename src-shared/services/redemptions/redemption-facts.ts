import type { Coupon, PastRedemption } from '#shared/domain/coupon';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import type { CurrencyRate } from '#shared/domain/org';
import { codeLimitCountsWholeOffer, effectiveCodeLimit } from '#shared/engine/limits';
import type { RedemptionFacts } from '#shared/engine/types';
import type { SqlPort } from '#shared/sql/port';
import { isoOf, strOrNull } from '../shared/values';

/**
 * One statement loads every redemption the rules need, by up to three indexed look-ups:
 *  k=1 the code's live redemptions, at most as many as its limit (reaching the limit is all
 *      that matters; with no code limit none are needed, the customer's own come from k=2);
 *  k=2 the presenting customer's live redemptions in the offer (gaps and per-customer caps);
 *  k=3 a redemption already recorded under this request's client id (idempotent retries).
 * A common code anyone may redeem is one code for the whole offer, so its redemptions are the
 * offer's; a recipient-only one gives each recipient's coupon its own allowance, so k=1 reads
 * that coupon's, as for a unique code (engine codeLimitCountsWholeOffer).
 *
 * A branch with nothing to look for (no customer, no client id) is left out of the text rather
 * than fed a NULL. Besides saving work, that keeps k=2 off a bad cached plan: PGlite has no
 * autovacuum, so a till that prepared this statement while its redemptions table was empty
 * keeps a generic plan costed on an empty table, and there (offer_id, customer_id) ties with the
 * (offer_id, redeemed_at) index. Picking the latter walked every redemption of the offer: the
 * anonymous redeem's look-up grew from 0.08 ms to 0.8 ms over 3,000 redemptions of one offer.
 * With a customer the branch is needed and the tie can still bite on a never-analyzed till
 * table; an ANALYZE of redemptions (PGlite never runs one by itself) settles it.
 */
type FactsArgs = {
  /** The code limit counts the code's redemptions in the whole offer, not one coupon's. */
  common: boolean;
  /** The code (common) or the coupon id. */
  codeKey: string | null;
  codeLimit: number;
  offerId: string;
  customerId: string | null;
  clientId: string | null;
};

const columns = 'r.id, r.coupon_id, r.code, r.customer_id, r.redeemed_at';

/** The statement for the branches needed (one of eight constant texts) and its parameters. */
function factsQuery(a: FactsArgs): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  let offer: string | null = null;
  const offerParam = (): string => (offer ??= param(a.offerId));
  const code = param(a.codeKey);
  const limit = param(a.codeLimit);
  const parts = [
    a.common
      ? `(SELECT 1 AS k, ${columns} FROM redemptions r
          WHERE r.offer_id = ${offerParam()} AND r.code = ${code} AND r.reversed_at IS NULL
          LIMIT ${limit})`
      : `(SELECT 1 AS k, ${columns} FROM redemptions r
          WHERE r.coupon_id = ${code} AND r.reversed_at IS NULL LIMIT ${limit})`,
  ];
  if (a.customerId !== null) {
    parts.push(`(SELECT 2, ${columns} FROM redemptions r
      WHERE r.offer_id = ${offerParam()} AND r.customer_id = ${param(a.customerId)}
        AND r.reversed_at IS NULL)`);
  }
  if (a.clientId !== null) {
    parts.push(`(SELECT 3, ${columns} FROM redemptions r WHERE r.id = ${param(a.clientId)})`);
  }
  return { text: parts.join('\n  UNION ALL\n  '), params };
}

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
  const common = codeLimitCountsWholeOffer(offer);
  let rows: Row[] = [];
  if (coupon !== null || customer !== null || args.clientId !== null) {
    const q = factsQuery({
      common,
      codeKey: common ? (coupon?.code ?? null) : (coupon?.id ?? null),
      codeLimit: codeLimit ?? 0,
      offerId: offer.id,
      customerId: customer?.id ?? null,
      clientId: args.clientId,
    });
    rows = await sql.query<Row>(q.text, q.params);
  }
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
