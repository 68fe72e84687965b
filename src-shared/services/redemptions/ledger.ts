import type { SqlPort } from '../../sql/port';

/**
 * The two writes of the redemption ledger, each one statement so a live redeem, a journal
 * replay and (later) a synced fact apply them identically. Both are idempotent: a redemption
 * whose id exists, or a reversal of an already reversed redemption, changes nothing and
 * reports `applied: false`.
 */

/** Everything needed to (re-)apply a redemption: also the journal record's payload. */
export type RedemptionRecord = {
  id: string;
  couponId: string;
  offerId: string;
  code: string;
  customerId: string | null;
  storeId: string;
  tillId: string;
  billAmount: string;
  currency: string;
  discount: string;
  redeemedAt: string;
  deviceTime: string | null;
  origin: 'ONLINE' | 'OFFLINE';
  leaseId: string | null;
};

export type ReversalRecord = {
  redemptionId: string;
  reversalId: string;
  reversedAt: string;
  reason: string;
};

const insertRedemptionSql = /* sql */ `WITH r AS (
    INSERT INTO redemptions (id, coupon_id, offer_id, code, customer_id, store_id, till_id,
                             bill_amount, currency, discount, redeemed_at, device_time, origin,
                             lease_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
    ON CONFLICT (id) DO NOTHING
    RETURNING id),
  c AS (
    UPDATE coupons SET redemption_count = redemption_count + 1, is_reversed = false,
           last_status_change_on = $11
     WHERE id = $2 AND EXISTS (SELECT 1 FROM r)
    RETURNING 1),
  o AS (
    UPDATE offers SET redeemed_count = redeemed_count + 1,
           last_redeemed_at = GREATEST(COALESCE(last_redeemed_at, $11), $11)
     WHERE id = $3 AND EXISTS (SELECT 1 FROM r)
    RETURNING 1)
  SELECT (SELECT count(*) FROM r)::int AS inserted, (SELECT count(*) FROM c)::int AS coupons,
         (SELECT count(*) FROM o)::int AS offers`;

/** Inserts the redemption and bumps the coupon's and offer's live counters. */
export async function insertRedemption(
  sql: SqlPort,
  rec: RedemptionRecord,
): Promise<{ applied: boolean }> {
  const rows = await sql.query<{ inserted: unknown }>(insertRedemptionSql, [
    rec.id,
    rec.couponId,
    rec.offerId,
    rec.code,
    rec.customerId,
    rec.storeId,
    rec.tillId,
    rec.billAmount,
    rec.currency,
    rec.discount,
    rec.redeemedAt,
    rec.deviceTime,
    rec.origin,
    rec.leaseId,
  ]);
  return { applied: Number(rows[0]?.inserted ?? 0) === 1 };
}

const reverseSql = /* sql */ `WITH r AS (
    UPDATE redemptions SET reversed_at = $2, reversal_id = $3, reversal_reason = $4
     WHERE id = $1 AND reversed_at IS NULL
    RETURNING coupon_id, offer_id),
  c AS (
    UPDATE coupons SET redemption_count = GREATEST(redemption_count - 1, 0), is_reversed = true,
           last_status_change_on = $2
     WHERE id = (SELECT coupon_id FROM r)
    RETURNING 1),
  o AS (
    UPDATE offers SET redeemed_count = GREATEST(redeemed_count - 1, 0)
     WHERE id = (SELECT offer_id FROM r)
    RETURNING 1)
  SELECT (SELECT count(*) FROM r)::int AS reversed, (SELECT count(*) FROM c)::int AS coupons,
         (SELECT count(*) FROM o)::int AS offers`;

/** Records the reversal on the redemption and gives the coupon and offer their use back. */
export async function applyReversal(
  sql: SqlPort,
  rec: ReversalRecord,
): Promise<{ applied: boolean }> {
  const rows = await sql.query<{ reversed: unknown }>(reverseSql, [
    rec.redemptionId,
    rec.reversedAt,
    rec.reversalId,
    rec.reason,
  ]);
  return { applied: Number(rows[0]?.reversed ?? 0) === 1 };
}
