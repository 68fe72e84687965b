import type { Coupon } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import type { SqlPort, SqlRow } from '#shared/sql/port';
import {
  couponColumns,
  couponColumnsPrefixed,
  couponFromPrefixedRow,
  couponFromRow,
  type CouponRow,
  randomizedSeriesOf,
} from '../coupons/index';
import { loadOfferByFixedPart, offerColumns, offerFromRow, type OfferRow } from '../offers/index';
import { provisionalCouponId } from './offline-verified';

/**
 * Finding the coupon a presented (normalized) code stands for:
 *  1. a unique code (auto, uploaded or randomized, materialized as a coupon row);
 *  2. else an offer's common code: the presenting customer's own coupon of it, or, where anyone
 *     may redeem, any issued coupon of it (the redemption still records who redeemed);
 *  3. else a randomized code not known here: the offer owning its fixed part, and the code's
 *     index by the inverse permutation (so the answer can say issued-but-not-synced vs never
 *     issued rather than just "unknown").
 * A string that is some offer's common code is always treated as that common code.
 */
export type FoundCoupon = {
  offer: Offer;
  coupon: Coupon | null;
  /** Live redemptions in the whole offer plus units lent to tills (redeemed_count + leased_outstanding). */
  seriesRedeemed: number;
  /** Randomized code without a coupon row: its series index, and how many are issued. */
  randomized: { index: number; issuedUpTo: number } | null;
  /** Whether the offer and coupon rows are locked for the caller's transaction. */
  locked: boolean;
  /**
   * The coupon row's version as read (its xmin): a unique code's, so that a redeem may run the
   * rules without locks and write only if the coupon has not changed since (ledger.ts).
   */
  couponVersion: string | null;
};

/**
 * The hot path: a unique code, one indexed statement. A common code is shared by every
 * recipient, so the gate keeps this statement from walking all of them.
 */
const uniqueSql = /* sql */ `SELECT ${couponColumnsPrefixed}, ${offerColumns},
    o.redeemed_count + o.leased_outstanding AS o_redeemed_count, c.xmin::text AS c_version
  FROM offers o JOIN coupons c ON c.offer_id = o.id
  WHERE c.code = $1 AND c.code_unique
    AND NOT EXISTS (SELECT 1 FROM offers k
                     WHERE k.code_method = 'COMMON'
                       AND upper(k.config #>> '{codeGeneration,code}') = $1)`;

/**
 * The same, locking what it finds for a redeem: rows are locked in the order of the OF list,
 * the offer first, as every other writer of coupons does, so writers queue and never deadlock.
 * Rows returned after waiting for a lock are their latest committed versions.
 */
const uniqueForUpdateSql = `${uniqueSql} FOR UPDATE OF o, c`;

/**
 * A common code: the customer's own coupon of it, else any active issued one, else any issued
 * one (all revoked: the rules then say so). No coupon at all means the offer has not been
 * issued to anyone, which the caller reports as such (seed: a shared code must be issued to at
 * least one customer before anyone can redeem it).
 */
const commonSql = /* sql */ `SELECT ${couponColumnsPrefixed}, ${offerColumns},
    o.redeemed_count + o.leased_outstanding AS o_redeemed_count
  FROM offers o
  LEFT JOIN LATERAL (
    (SELECT ${couponColumns} FROM coupons c
      WHERE c.customer_id = $2 AND c.offer_id = o.id AND c.code = $1
      ORDER BY (c.state = 'ACTIVE') DESC, c.issued_at DESC LIMIT 1)
    UNION ALL
    (SELECT ${couponColumns} FROM coupons c
      WHERE c.offer_id = o.id AND c.code = $1 AND c.issued_at IS NOT NULL AND c.state = 'ACTIVE'
      LIMIT 1)
    UNION ALL
    (SELECT ${couponColumns} FROM coupons c
      WHERE c.offer_id = o.id AND c.code = $1 AND c.issued_at IS NOT NULL LIMIT 1)
    LIMIT 1) c ON true
  WHERE o.code_method = 'COMMON' AND upper(o.config #>> '{codeGeneration,code}') = $1`;

const provisionalSql = /* sql */ `SELECT ${couponColumnsPrefixed}, ${offerColumns},
    o.redeemed_count + o.leased_outstanding AS o_redeemed_count
  FROM coupons c JOIN offers o ON o.id = c.offer_id WHERE c.id = $1`;

function foundFromRow(row: SqlRow): FoundCoupon {
  return {
    offer: offerFromRow(row as OfferRow),
    coupon: row.c_id === null || row.c_id === undefined ? null : couponFromPrefixedRow(row),
    seriesRedeemed: Number(row.o_redeemed_count),
    randomized: null,
    locked: false,
    couponVersion: typeof row.c_version === 'string' ? row.c_version : null,
  };
}

/** Prefers a coupon that is the customer's own, then an active one. */
function pick(found: FoundCoupon[], customerId: string | null): FoundCoupon | null {
  const score = (f: FoundCoupon): number =>
    (f.coupon?.customerId === customerId && customerId !== null ? 2 : 0) +
    (f.coupon?.state === 'ACTIVE' ? 1 : 0);
  let best: FoundCoupon | null = null;
  for (const f of found) if (best === null || score(f) > score(best)) best = f;
  return best;
}

async function findRandomized(sql: SqlPort, code: string): Promise<FoundCoupon | null> {
  if (code.length < 5 || code.length > 10) return null;
  const offer = await loadOfferByFixedPart(sql, code.slice(0, Math.floor(code.length / 2)));
  if (!offer || offer.codeGeneration.method !== 'RANDOMIZED_COMMON') return null;
  const series = await randomizedSeriesOf(sql, offer);
  const index = series.indexOf(code);
  if (index === null) return null;
  const rows = await sql.query<{ next: unknown; redeemed: unknown }>(
    'SELECT randomized_next_index AS next, redeemed_count + leased_outstanding AS redeemed FROM offers WHERE id = $1',
    [offer.id],
  );
  return {
    offer,
    coupon: null,
    seriesRedeemed: Number(rows[0]?.redeemed ?? 0),
    randomized: { index, issuedUpTo: Number(rows[0]?.next ?? 0) },
    locked: false,
    couponVersion: null,
  };
}

/** `forUpdate` (inside a transaction): a unique code's offer and coupon come back locked. */
export async function findCoupon(
  sql: SqlPort,
  code: string,
  customerId: string | null,
  forUpdate = false,
): Promise<FoundCoupon | null> {
  const rows = await sql.query(forUpdate ? uniqueForUpdateSql : uniqueSql, [code]);
  const unique = pick(rows.map(foundFromRow), customerId);
  if (unique) return { ...unique, locked: forUpdate };
  const common = pick(
    (await sql.query(commonSql, [code, customerId])).map(foundFromRow),
    customerId,
  );
  if (common) return common;
  // A till's provisional coupon of a code it accepted offline by its check (a primary-key
  // miss everywhere else, and only for codes found nowhere above).
  const provisional = await sql.query(provisionalSql, [provisionalCouponId(code)]);
  if (provisional[0]) return foundFromRow(provisional[0]);
  return findRandomized(sql, code);
}

/**
 * Locks the offer row, then the coupon row (always in that order, as issuance and revoke do,
 * so concurrent writers queue instead of deadlocking) and returns their committed state.
 */
export async function lockCoupon(
  sql: SqlPort,
  offerId: string,
  couponId: string,
): Promise<{ offer: Offer; seriesRedeemed: number; coupon: Coupon }> {
  // Units lent to tills for offline use (sync escrow) count as taken: an online redemption
  // never spends a unit a till was promised (docs/sync.md).
  const offers = await sql.query<OfferRow & { redeemed_count: unknown }>(
    `SELECT ${offerColumns}, o.redeemed_count + o.leased_outstanding AS redeemed_count
       FROM offers o WHERE o.id = $1 FOR UPDATE`,
    [offerId],
  );
  const coupons = await sql.query<CouponRow>(
    `SELECT ${couponColumns} FROM coupons c WHERE c.id = $1 FOR UPDATE`,
    [couponId],
  );
  const offerRow = offers[0];
  const couponRow = coupons[0];
  if (!offerRow || !couponRow) throw new Error(`Coupon ${couponId} vanished while redeeming`);
  return {
    offer: offerFromRow(offerRow),
    seriesRedeemed: Number(offerRow.redeemed_count),
    coupon: couponFromRow(couponRow),
  };
}
