import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { needsTopUp } from '#shared/sync/lease-math';

/**
 * Spends one unit of this till's offline allowance for an offer, from the lease that expires
 * first, inside the redeeming transaction (so a rolled-back redemption gives it back). Null
 * when no active, unexpired lease has a unit left.
 */
export async function spendLeaseUnit(
  tx: SqlPort,
  offerId: string,
  now: Date,
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE till_leases SET used = used + 1
      WHERE id = (SELECT id FROM till_leases
                   WHERE offer_id = $1 AND status = 'ACTIVE' AND used < granted AND expires_at > $2
                   ORDER BY expires_at, id LIMIT 1 FOR UPDATE)
     RETURNING id`,
    [offerId, now.toISOString()],
  );
  return rows[0]?.id ?? null;
}

type NeedRow = { id: string; config: Offer; held: unknown; remaining: unknown };

/**
 * Offers this till should ask allowance for: synced, series-limited, redeemable offline, and
 * with a quarter or less of what it holds left (or nothing held at all).
 */
export async function leaseRequests(
  sql: SqlPort,
  now: Date,
  want: number,
): Promise<{ offerId: string; want: number }[]> {
  const rows = await sql.query<NeedRow>(
    `SELECT o.id, o.config,
            COALESCE(SUM(l.granted) FILTER (WHERE l.id IS NOT NULL), 0) AS held,
            COALESCE(SUM(l.granted - l.used) FILTER (WHERE l.id IS NOT NULL), 0) AS remaining
       FROM offers o
       LEFT JOIN till_leases l ON l.offer_id = o.id AND l.status = 'ACTIVE' AND l.expires_at > $1
      WHERE o.sync_enabled AND o.config #> '{redemption,seriesLimit}' IS NOT NULL
        AND jsonb_typeof(o.config #> '{redemption,seriesLimit}') = 'number'
        AND COALESCE(o.config #>> '{offlinePolicy,mode}', 'ALLOW') <> 'ONLINE_ONLY'
      GROUP BY o.id, o.config`,
    [now.toISOString()],
  );
  return rows
    .filter((r) => Number(r.held) === 0 || needsTopUp(Number(r.remaining), Number(r.held)))
    .map((r) => ({ offerId: r.id, want }));
}

/**
 * Leases to give back: expired, or of an offer no longer synced here, and with every fact that
 * spent them already acknowledged (so the hub's count of spent units is final).
 */
export async function leasesToReturn(sql: SqlPort, now: Date): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT l.id FROM till_leases l LEFT JOIN offers o ON o.id = l.offer_id
      WHERE l.status = 'ACTIVE' AND (l.expires_at <= $1 OR o.id IS NULL OR NOT o.sync_enabled)
        AND NOT EXISTS (SELECT 1 FROM till_outbox f WHERE f.lease_id = l.id)`,
    [now.toISOString()],
  );
  return rows.map((r) => r.id);
}
