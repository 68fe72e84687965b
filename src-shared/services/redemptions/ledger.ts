import { redemptionRecord, type RedemptionRecord } from '../../domain/redemption';
import type { SqlPort } from '../../sql/port';

/**
 * The two writes of the redemption ledger, each one statement so a live redeem, a journal
 * replay and (later) a synced fact apply them identically. Both are idempotent: a redemption
 * whose id exists, or a reversal of an already reversed redemption, changes nothing and
 * reports `applied: false`.
 */

export type ReversalRecord = {
  redemptionId: string;
  reversalId: string;
  reversedAt: string;
  reason: string;
};

// The record's fields in its schema's order are the statement's columns and parameters, so a
// field added to the record is written without touching this file.
const recordFields = redemptionRecord.keyof().options;
const columnOf = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const param = (field: keyof RedemptionRecord): string => `$${recordFields.indexOf(field) + 1}`;

const insertRedemptionSql = /* sql */ `WITH r AS (
    INSERT INTO redemptions (${recordFields.map(columnOf).join(', ')})
    VALUES (${recordFields.map(param).join(', ')})
    ON CONFLICT (id) DO NOTHING
    RETURNING id),
  c AS (
    UPDATE coupons SET redemption_count = redemption_count + 1, is_reversed = false,
           last_status_change_on = ${param('redeemedAt')}
     WHERE id = ${param('couponId')} AND EXISTS (SELECT 1 FROM r)
    RETURNING 1),
  o AS (
    UPDATE offers SET redeemed_count = redeemed_count + 1,
           last_redeemed_at = GREATEST(COALESCE(last_redeemed_at, ${param('redeemedAt')}), ${param('redeemedAt')})
     WHERE id = ${param('offerId')} AND EXISTS (SELECT 1 FROM r)
    RETURNING 1),
  t AS (
    UPDATE customers SET transaction_count = LEAST(transaction_count + 1, 2147483647)
     WHERE id = ${param('customerId')} AND EXISTS (SELECT 1 FROM r)
    RETURNING 1)
  SELECT (SELECT count(*) FROM r)::int AS inserted, (SELECT count(*) FROM c)::int AS coupons,
         (SELECT count(*) FROM o)::int AS offers`;

/**
 * Inserts the redemption and bumps the coupon's and offer's live counters, and counts the bill
 * as a transaction of its customer ("new customers only" reads that count). A till's basket
 * carries one code, so one redemption is one bill. Counted only when the row goes in, so a
 * replay, a retry or a fact pushed twice counts once; a reversal gives the coupon back, not the
 * purchase, so it leaves the count alone.
 */
export async function insertRedemption(
  sql: SqlPort,
  rec: RedemptionRecord,
): Promise<{ applied: boolean }> {
  const rows = await sql.query<{ inserted: unknown }>(
    insertRedemptionSql,
    recordFields.map((f) => rec[f]),
  );
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
