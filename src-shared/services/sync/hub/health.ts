import { storeScope, type Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import type { SyncHealth } from '#shared/sync/protocol';
import { isoOrNull } from '#shared/services/shared/values';
import { feedHorizon } from './feed-plan';

type TillRow = {
  till_id: string;
  store_id: string;
  acked_seq: unknown;
  last_seen_at: unknown;
  last_cursor_xid: unknown;
  open_items: unknown;
  refused: unknown;
  revoked: boolean;
};
type LeaseRow = {
  offer_id: string;
  name: string;
  granted: unknown;
  remaining: unknown;
  expires_at: unknown;
};

/**
 * The hub's sync health: every registered till (its latest registration: acked facts, last
 * contact, lag, open items, refused facts, whether it was cut off) and leases out. A
 * store-scoped person sees their stores' tills.
 */
export async function hubHealth(
  sql: SqlPort,
  now: Date,
  principal: Principal,
): Promise<SyncHealth> {
  const horizon = await feedHorizon(sql);
  const stores = storeScope(principal);
  const tills = await sql.query<TillRow>(
    `SELECT d.till_id, d.store_id, d.acked_seq, d.last_seen_at, d.last_cursor_xid,
            (SELECT count(*) FROM reconciliation_items i
              WHERE i.till_id = d.till_id AND i.status = 'OPEN') AS open_items,
            (SELECT count(*) FROM sync_facts f
              WHERE f.till_id = d.till_id AND f.outcome IN ('rejected', 'invalid')) AS refused,
            d.revoked_at IS NOT NULL AS revoked
       FROM (SELECT DISTINCT ON (till_id) * FROM sync_devices
              ORDER BY till_id, registered_at DESC) d
      WHERE ($1::text[] IS NULL OR d.store_id = ANY($1::text[]))
      ORDER BY d.till_id`,
    [stores],
  );
  const leases = await sql.query<LeaseRow>(
    `SELECT l.offer_id, o.name, SUM(l.granted) AS granted, SUM(l.granted - l.used) AS remaining,
            MAX(l.expires_at) AS expires_at
       FROM sync_leases l JOIN offers o ON o.id = l.offer_id
      WHERE l.status = 'ACTIVE' GROUP BY l.offer_id, o.name ORDER BY o.name`,
  );
  return {
    host: 'hub',
    online: true,
    hubUrl: null,
    tillId: null,
    lastSuccessAt: now.toISOString(),
    lastError: null,
    pendingFacts: 0,
    pendingCommands: 0,
    refusedFacts: tills.reduce((n, t) => n + Number(t.refused), 0),
    ackedSeq: 0,
    lag: null,
    hubVersion: horizon,
    cursor: null,
    leases: leases.map((l) => ({
      offerId: l.offer_id,
      offerName: l.name,
      granted: Number(l.granted),
      remaining: Number(l.remaining),
      expiresAt: isoOrNull(l.expires_at),
    })),
    tills: tills.map((t) => ({
      tillId: t.till_id,
      storeId: t.store_id,
      ackedSeq: Number(t.acked_seq),
      lastSeenAt: isoOrNull(t.last_seen_at),
      lag: t.last_cursor_xid === null ? null : Math.max(0, horizon - 1 - Number(t.last_cursor_xid)),
      openItems: Number(t.open_items),
      refusedFacts: Number(t.refused),
      revoked: t.revoked,
    })),
  };
}
