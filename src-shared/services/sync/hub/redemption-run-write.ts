import type { SqlPort } from '#shared/sql/port';
import type { Device } from './devices';

/** The run's writes, set-based: ledger rows, then the coupon, offer and lease counters, then items. */
export const writeRun = async (
  tx: SqlPort,
  device: Device,
  ledger: Record<string, unknown>[],
  items: Record<string, unknown>[],
  at: string,
): Promise<void> => {
  if (ledger.length === 0) return;
  const rows = JSON.stringify(ledger);
  await tx.query(
    `INSERT INTO redemptions (id, coupon_id, offer_id, code, customer_id, store_id, till_id, bill_amount,
            currency, discount, redeemed_at, device_time, origin, till_seq, lease_id, classification)
     SELECT r.id, r.coupon_id, r.offer_id, r.code, r.customer_id, $2, $3, r.bill_amount, r.currency,
            r.discount, r.redeemed_at, r.device_time, 'OFFLINE', r.till_seq, r.lease_id, r.classification
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, coupon_id text, offer_id text, code text,
            customer_id text, bill_amount numeric, currency text, discount numeric, redeemed_at timestamptz,
            device_time timestamptz, till_seq bigint, lease_id text, classification text)`,
    [rows, device.storeId, device.tillId],
  );
  await tx.query(
    `UPDATE coupons c SET redemption_count = c.redemption_count + a.n, is_reversed = false,
            last_status_change_on = a.last
       FROM (SELECT r.coupon_id, count(*)::int AS n, max(r.redeemed_at) AS last
               FROM jsonb_to_recordset($1::jsonb) AS r(coupon_id text, redeemed_at timestamptz)
              GROUP BY r.coupon_id) a
      WHERE c.id = a.coupon_id`,
    [rows],
  );
  await tx.query(
    `UPDATE offers o SET redeemed_count = o.redeemed_count + a.n,
            last_redeemed_at = GREATEST(COALESCE(o.last_redeemed_at, a.last), a.last),
            leased_outstanding = GREATEST(o.leased_outstanding - a.spent, 0)
       FROM (SELECT r.offer_id, count(*)::int AS n, max(r.redeemed_at) AS last,
                    count(*) FILTER (WHERE r.lease_spent)::int AS spent
               FROM jsonb_to_recordset($1::jsonb) AS r(offer_id text, redeemed_at timestamptz, lease_spent boolean)
              GROUP BY r.offer_id) a
      WHERE o.id = a.offer_id`,
    [rows],
  );
  await countCustomerTransactions(tx, rows);
  await tx.query(
    `UPDATE sync_leases l SET used = l.used + a.n
       FROM (SELECT r.lease_id, count(*)::int AS n
               FROM jsonb_to_recordset($1::jsonb) AS r(lease_id text, lease_used boolean)
              WHERE r.lease_used GROUP BY r.lease_id) a
      WHERE l.id = a.lease_id`,
    [rows],
  );
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO reconciliation_items (id, redemption_id, fact_client_id, till_id, store_id, offer_id,
            coupon_id, code, classification, reasons, redeemed_at, created_at)
     SELECT i.id, i.redemption_id, i.fact_client_id, $2, $3, i.offer_id, i.coupon_id, i.code,
            i.classification, i.reasons, i.redeemed_at, $4
       FROM jsonb_to_recordset($1::jsonb) AS i(id text, redemption_id text, fact_client_id text,
            offer_id text, coupon_id text, code text, classification text, reasons jsonb,
            redeemed_at timestamptz)`,
    [JSON.stringify(items), device.tillId, device.storeId, at],
  );
};

/**
 * Each offline bill written to the ledger counts as a transaction of its customer, as an online
 * one does (ledger.ts): only rows written now are here, so a fact pushed again counts once.
 * The customers are locked in id order first, so two tills' pushes naming the same customers
 * wait for each other instead of deadlocking.
 */
const countCustomerTransactions = async (tx: SqlPort, rows: string): Promise<void> => {
  const counted = `SELECT r.customer_id, count(*)::int AS n
      FROM jsonb_to_recordset($1::jsonb) AS r(customer_id text)
     WHERE r.customer_id IS NOT NULL GROUP BY r.customer_id`;
  await tx.query(
    `SELECT c.id FROM customers c WHERE c.id IN (SELECT customer_id FROM (${counted}) a)
      ORDER BY c.id FOR UPDATE`,
    [rows],
  );
  await tx.query(
    `UPDATE customers c SET transaction_count = LEAST(c.transaction_count + a.n, 2147483647)
       FROM (${counted}) a
      WHERE c.id = a.customer_id`,
    [rows],
  );
};
