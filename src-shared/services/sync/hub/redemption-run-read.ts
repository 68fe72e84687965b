import type { Offer } from '#shared/domain/offer';
import type { RedemptionFactPayload } from '#shared/domain/redemption';
import {
  codeLimitCountsWholeOffer,
  effectiveCodeLimit,
  perCustomerCap,
} from '#shared/engine/limits';
import type { SqlPort } from '#shared/sql/port';

/**
 * The reading half of a run of pushed redemptions (redemption-run.ts): the offers, coupons and
 * leases it names, locked in id order, the customers the hub knows, and the live redemptions a
 * code or customer limit counts.
 */

type OfferRow = {
  id: string;
  config: Offer;
  ends_at: unknown;
  redeemed_count: unknown;
  leased_outstanding: unknown;
};
type CouponRow = {
  id: string;
  offer_id: string;
  code: string;
  code_unique: boolean;
  state: string;
  expires_at: unknown;
};
type LeaseRow = {
  id: string;
  device_id: string;
  offer_id: string;
  status: string;
  granted: number;
  used: number;
  expires_at: unknown;
};

export const ms = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
};

/** The key a customer's uses of a code are counted under: the coupon, or an offer's common code. */
export const customerCodeKey = (c: CouponRow): string =>
  c.code_unique ? `c:${c.id}` : `o:${c.offer_id}:${c.code}`;

/** The key the code limit counts under: a recipient-only common code's coupon is its own. */
export const codeKey = (c: CouponRow, offer: Offer | undefined): string =>
  offer !== undefined && !c.code_unique && !codeLimitCountsWholeOffer(offer)
    ? `c:${c.id}`
    : customerCodeKey(c);

/** One fact of the run: its payload and the lease it was made under. */
export type RunFact = { payload: RedemptionFactPayload; leaseId: string | null };

export const readRun = async (tx: SqlPort, run: readonly RunFact[]) => {
  const uniq = (xs: (string | null)[]) =>
    [...new Set(xs.filter((x): x is string => x !== null))].sort();
  const offers = new Map(
    (
      await tx.query<OfferRow>(
        `SELECT id, config, ends_at, redeemed_count, leased_outstanding FROM offers
          WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
        [uniq(run.map((f) => f.payload.offerId))],
      )
    ).map((o) => [
      o.id,
      { row: o, redeemed: Number(o.redeemed_count), outstanding: Number(o.leased_outstanding) },
    ]),
  );
  const coupons = new Map(
    (
      await tx.query<CouponRow>(
        `SELECT id, offer_id, code, code_unique, state, expires_at FROM coupons
          WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
        [uniq(run.map((f) => f.payload.couponId))],
      )
    ).map((c) => [c.id, c]),
  );
  const customers = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = ANY($1::text[])', [
        uniq(run.map((f) => f.payload.customerId)),
      ])
    ).map((r) => r.id),
  );
  const leases = new Map(
    (
      await tx.query<LeaseRow>(
        `SELECT id, device_id, offer_id, status, granted, used, expires_at FROM sync_leases
          WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
        [uniq(run.map((f) => f.leaseId))],
      )
    ).map((l) => [l.id, { ...l, used: Number(l.used), granted: Number(l.granted) }]),
  );

  // Live redemptions already in the ledger, only where a code or customer limit needs them.
  const codePriors = new Map<string, { count: number; tills: Set<string> }>();
  const customerPriors = new Map<string, number>();
  const limited = [...coupons.values()].filter((c) => {
    const offer = offers.get(c.offer_id)?.row.config;
    return (
      offer !== undefined && (effectiveCodeLimit(offer) !== null || perCustomerCap(offer) !== null)
    );
  });
  if (limited.length > 0) {
    const rows = await tx.query<{
      coupon_id: string;
      offer_id: string;
      code: string;
      till_id: string;
      customer_id: string | null;
      n: unknown;
    }>(
      `SELECT r.coupon_id, r.offer_id, r.code, r.till_id, r.customer_id, count(*) AS n
         FROM redemptions r WHERE r.reversed_at IS NULL AND r.coupon_id = ANY($1::text[])
        GROUP BY r.coupon_id, r.offer_id, r.code, r.till_id, r.customer_id
       UNION ALL
       SELECT r.coupon_id, r.offer_id, r.code, r.till_id, r.customer_id, count(*) AS n
         FROM redemptions r
        WHERE r.reversed_at IS NULL AND r.offer_id = ANY($2::text[]) AND r.code = ANY($3::text[])
        GROUP BY r.coupon_id, r.offer_id, r.code, r.till_id, r.customer_id`,
      [
        limited.filter((c) => c.code_unique).map((c) => c.id),
        uniq(limited.filter((c) => !c.code_unique).map((c) => c.offer_id)),
        uniq(limited.filter((c) => !c.code_unique).map((c) => c.code)),
      ],
    );
    const codeKeys = new Set(limited.map((c) => codeKey(c, offers.get(c.offer_id)?.row.config)));
    const customerKeys = new Set(limited.map(customerCodeKey));
    for (const r of rows) {
      const own = `c:${r.coupon_id}`;
      const shared = `o:${r.offer_id}:${r.code}`;
      const key = codeKeys.has(own) ? own : codeKeys.has(shared) ? shared : null;
      if (key !== null) {
        const entry = codePriors.get(key) ?? { count: 0, tills: new Set<string>() };
        entry.count += Number(r.n);
        entry.tills.add(r.till_id);
        codePriors.set(key, entry);
      }
      const ckey = customerKeys.has(own) ? own : customerKeys.has(shared) ? shared : null;
      if (ckey !== null && r.customer_id !== null) {
        const k = `${ckey}|${r.customer_id}`;
        customerPriors.set(k, (customerPriors.get(k) ?? 0) + Number(r.n));
      }
    }
  }

  return { offers, coupons, customers, leases, codePriors, customerPriors };
};
