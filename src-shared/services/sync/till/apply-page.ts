import type { SqlPort } from '#shared/sql/port';
import { parseCursor } from '#shared/sync/cursor';
import type { Lease, PullOutput, TableChunk } from '#shared/sync/protocol';
import { applyChunks, idColumn, parentsFirst } from './apply-chunk';

/** Pending facts the hub has not counted yet are added back on top of the hub's counters. */
const rebase = async (tx: SqlPort, idsOf: (table: string) => string[]): Promise<void> => {
  // Nothing pending (the usual case, and every first pull): the hub's counters are the truth.
  if ((await tx.query('SELECT 1 FROM till_outbox LIMIT 1')).length === 0) return;
  const couponIds = idsOf('coupons');
  const offerIds = idsOf('offers');
  const redemptionIds = idsOf('redemptions');
  if (couponIds.length > 0) {
    await tx.query(
      `UPDATE coupons c SET redemption_count = GREATEST(c.redemption_count + d.delta, 0)
         FROM (SELECT coupon_id, SUM(CASE kind WHEN 'REDEMPTION' THEN 1 WHEN 'REVERSAL' THEN -1 ELSE 0 END) AS delta
                 FROM till_outbox WHERE coupon_id = ANY($1::text[]) GROUP BY coupon_id) d
        WHERE c.id = d.coupon_id AND d.delta <> 0`,
      [couponIds],
    );
  }
  if (offerIds.length > 0) {
    await tx.query(
      `UPDATE offers o SET redeemed_count = GREATEST(o.redeemed_count + d.redeemed, 0),
              issued_count = o.issued_count + d.issued
         FROM (SELECT offer_id,
                      SUM(CASE kind WHEN 'REDEMPTION' THEN 1 WHEN 'REVERSAL' THEN -1 ELSE 0 END) AS redeemed,
                      SUM(CASE kind WHEN 'ISSUANCE' THEN 1 ELSE 0 END) AS issued
                 FROM till_outbox WHERE offer_id = ANY($1::text[]) GROUP BY offer_id) d
        WHERE o.id = d.offer_id AND (d.redeemed <> 0 OR d.issued <> 0)`,
      [offerIds],
    );
  }
  const customerIds = idsOf('customers');
  if (customerIds.length > 0) {
    // Bills redeemed here but not yet pushed count as the customer's transactions, as they did
    // before the pull replaced the row with the hub's.
    await tx.query(
      `UPDATE customers c SET transaction_count = LEAST(c.transaction_count + d.n, 2147483647)
         FROM (SELECT payload ->> 'customerId' AS customer_id, count(*)::int AS n
                 FROM till_outbox
                WHERE kind = 'REDEMPTION' AND payload ->> 'customerId' = ANY($1::text[])
                GROUP BY 1) d
        WHERE c.id = d.customer_id`,
      [customerIds],
    );
  }
  if (redemptionIds.length > 0) {
    await tx.query(
      `UPDATE redemptions r SET reversed_at = (o.payload ->> 'reversedAt')::timestamptz,
              reversal_id = COALESCE(o.payload ->> 'reversalId', o.client_id),
              reversal_reason = o.payload ->> 'reason'
         FROM till_outbox o
        WHERE o.kind = 'REVERSAL' AND o.payload ->> 'redemptionId' = r.id
          AND r.id = ANY($1::text[]) AND r.reversed_at IS NULL`,
      [redemptionIds],
    );
  }
};

/**
 * Merges the hub's view of this till's leases: new grants appear, a lease the hub closed
 * (returned or expired) stops being used, and the till's own count of spent units is kept
 * (the hub only learns of a spent unit when its fact is pushed).
 */
export async function mergeLeases(tx: SqlPort, leases: readonly Lease[]): Promise<void> {
  for (const l of leases) {
    await tx.query(
      `INSERT INTO till_leases (id, offer_id, granted, used, granted_at, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE')
       ON CONFLICT (id) DO UPDATE SET granted = EXCLUDED.granted, expires_at = EXCLUDED.expires_at,
              used = GREATEST(till_leases.used, EXCLUDED.used)`,
      [l.id, l.offerId, l.granted, l.used, l.grantedAt, l.expiresAt],
    );
  }
  await tx.query(
    `UPDATE till_leases SET status = 'CLOSED' WHERE status = 'ACTIVE' AND id <> ALL($1::text[])`,
    [leases.map((l) => l.id)],
  );
}

/**
 * Applies one pulled page in ONE local transaction: acknowledged facts leave the
 * outbox, rows are upserted parents first, offers the till no longer receives are switched
 * off locally, counters are rebased on the facts still pending, leases merged and the cursor
 * moved. Offers that just became visible get a backfill of their rows older than the cursor.
 * See docs/architecture.md, "Changes down".
 */
export async function applyPage(
  sql: SqlPort,
  page: PullOutput,
  previousCursor: string,
  options: { bulk?: boolean } = {},
): Promise<void> {
  const before = parseCursor(previousCursor);
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM till_outbox WHERE seq <= $1', [page.ackedSeq]);
    const chunks = parentsFirst(page.chunks);
    const offersChunk = chunks.find((c) => c.table === 'offers');
    if (offersChunk && before && before.xid > 0) {
      const ids = idColumn(offersChunk);
      const known = await tx.query<{ id: string }>(
        'SELECT id FROM offers WHERE id = ANY($1::text[]) AND sync_enabled',
        [ids],
      );
      const knownIds = new Set(known.map((r) => r.id));
      for (const id of ids.filter((i) => !knownIds.has(i))) {
        for (const table of ['coupons', 'redemptions']) {
          await tx.query(
            `INSERT INTO till_backfills (offer_id, table_name, max_xid) VALUES ($1, $2, $3)
             ON CONFLICT (offer_id, table_name) DO UPDATE SET max_xid = EXCLUDED.max_xid, after_key = ''`,
            [id, table, before.xid],
          );
        }
      }
    }
    await applyChunks(tx, chunks, options.bulk === true);
    if (page.removedOfferIds.length > 0) {
      await tx.query('UPDATE offers SET sync_enabled = false WHERE id = ANY($1::text[])', [
        page.removedOfferIds,
      ]);
      await tx.query('DELETE FROM till_backfills WHERE offer_id = ANY($1::text[])', [
        page.removedOfferIds,
      ]);
    }
    await rebase(tx, (table) => chunks.filter((c) => c.table === table).flatMap(idColumn));
    await mergeLeases(tx, page.leases);
    await tx.query(
      `UPDATE till_sync_state SET cursor = $1, horizon = $2, acked_seq = GREATEST(acked_seq, $3) WHERE id = 1`,
      [page.cursor, page.horizon, page.ackedSeq],
    );
  });
}

/** Applies a backfill page of one offer and remembers how far it got. */
export async function applyBackfillPage(
  sql: SqlPort,
  offerId: string,
  table: 'coupons' | 'redemptions',
  page: { chunks: TableChunk[]; after: string; more: boolean },
): Promise<void> {
  await sql.transaction(async (tx) => {
    const chunks = parentsFirst(page.chunks);
    await applyChunks(tx, chunks, false);
    await rebase(tx, (t) => chunks.filter((c) => c.table === t).flatMap(idColumn));
    if (page.more) {
      await tx.query(
        'UPDATE till_backfills SET after_key = $3 WHERE offer_id = $1 AND table_name = $2',
        [offerId, table, page.after],
      );
    } else {
      await tx.query('DELETE FROM till_backfills WHERE offer_id = $1 AND table_name = $2', [
        offerId,
        table,
      ]);
    }
  });
}
