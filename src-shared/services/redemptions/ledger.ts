import { redemptionRecord, type RedemptionRecord } from '#shared/domain/redemption';
import type { SqlPort } from '#shared/sql/port';

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

// The counter updates that go with a written redemption, each run only when the CTE named by
// `when` returned a row; a redemption is counted on its coupon, its offer and its customer.
const countOnCoupon = (when: string, alsoWhere = ''): string => `UPDATE coupons
       SET redemption_count = redemption_count + 1, is_reversed = false,
           last_status_change_on = ${param('redeemedAt')}
     WHERE id = ${param('couponId')}${alsoWhere} AND EXISTS (SELECT 1 FROM ${when})`;
const countOnOffer = (
  when: string,
): string => `UPDATE offers SET redeemed_count = redeemed_count + 1,
           last_redeemed_at = GREATEST(COALESCE(last_redeemed_at, ${param('redeemedAt')}), ${param('redeemedAt')})
     WHERE id = ${param('offerId')} AND EXISTS (SELECT 1 FROM ${when})`;
const countOnCustomer = (when: string): string => `UPDATE customers
       SET transaction_count = LEAST(transaction_count + 1, 2147483647)
     WHERE id = ${param('customerId')} AND EXISTS (SELECT 1 FROM ${when})`;

const insertRedemptionSql = /* sql */ `WITH r AS (
    INSERT INTO redemptions (${recordFields.map(columnOf).join(', ')})
    VALUES (${recordFields.map(param).join(', ')})
    ON CONFLICT (id) DO NOTHING
    RETURNING id),
  c AS (${countOnCoupon('r')} RETURNING 1),
  o AS (${countOnOffer('r')} RETURNING 1),
  t AS (${countOnCustomer('r')} RETURNING 1)
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

/**
 * A live redeem's write, guarded so it may follow reads made without locks. In one statement:
 * lock the offer (first, as every writer of coupons does) and check its series limit on the
 * row as it is now (units lent to tills count as taken); count the use on the coupon only if
 * the coupon is the version the rules were run on (`xmin`, which every update of the row
 * changes); then the offer's counter, the ledger row and the customer's transaction count,
 * each only if the step before it happened. Either all of it is written or none of it, and
 * the answer says which guard stopped it. A duplicate id raises (no ON CONFLICT: the guards
 * have already counted by then); the caller retries and finds the existing redemption.
 */
const versionParam = `$${recordFields.length + 1}`;
const seriesLimitParam = `$${recordFields.length + 2}::int`;
const guardedInsertSql = /* sql */ `WITH o AS (
    SELECT id, (${seriesLimitParam} IS NULL
               OR redeemed_count + leased_outstanding < ${seriesLimitParam}) AS ok
      FROM offers WHERE id = ${param('offerId')} FOR UPDATE),
  under_limit AS (SELECT 1 FROM o WHERE o.ok),
  c AS (${countOnCoupon('under_limit', ` AND xmin::text = ${versionParam}`)} RETURNING 1),
  u AS (${countOnOffer('c')} RETURNING 1),
  r AS (
    INSERT INTO redemptions (${recordFields.map(columnOf).join(', ')})
    SELECT ${recordFields.map(param).join(', ')} WHERE EXISTS (SELECT 1 FROM u)
    RETURNING id),
  t AS (${countOnCustomer('r')} RETURNING 1)
  SELECT (SELECT bool_and(ok) FROM o) AS offer_ok, (SELECT count(*) FROM c)::int AS coupons,
         (SELECT count(*) FROM r)::int AS inserted`;

export type GuardedInsert =
  | { written: true }
  /** The coupon changed after the rules read it: read again and re-run them. */
  | { written: false; stopped: 'coupon-changed' }
  /** The offer's series limit (with units lent to tills) is reached. */
  | { written: false; stopped: 'series-limit' };

/**
 * Writes a live redemption if the coupon is still at `couponVersion` (its xmin as read) and the
 * offer is under `seriesLimit`; see guardedInsertSql.
 */
export async function insertRedemptionGuarded(
  sql: SqlPort,
  rec: RedemptionRecord,
  guard: { couponVersion: string; seriesLimit: number | null },
): Promise<GuardedInsert> {
  const rows = await sql.query<{ offer_ok: unknown; coupons: unknown; inserted: unknown }>(
    guardedInsertSql,
    [...recordFields.map((f) => rec[f]), guard.couponVersion, guard.seriesLimit],
  );
  const row = rows[0];
  if (row?.offer_ok !== true) return { written: false, stopped: 'series-limit' };
  if (Number(row.coupons) !== 1) return { written: false, stopped: 'coupon-changed' };
  if (Number(row.inserted) !== 1)
    throw new Error(`Redemption ${rec.id} was counted but not written`);
  return { written: true };
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
