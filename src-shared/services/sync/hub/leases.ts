import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { Offer } from '#shared/domain/offer';
import type { OrgEntityRef } from '#shared/domain/primitives';
import type { SqlPort } from '#shared/sql/port';
import { grantSize } from '#shared/sync/lease-math';
import { scopeReachesTill } from '#shared/sync/scope';
import { newId } from '#shared/services/shared/ids';
import { jsonOf } from '#shared/services/shared/values';
import { requireDevice } from './devices';
import { activeLeases } from './leases-read';
import { tillPlace, visibleOfferIds } from './till-reach';

/**
 * Lease lifetime, and the grace after it. By default the unspent units of an expired lease stay
 * held until its till reports (returns the lease) or a person writes it off, so no outage is
 * long enough to exceed a capped offer. `reclaimAfterGrace` (hub-wide, or per offer in its
 * offline policy) takes them back after the grace instead: the till may have spent them, and
 * such a sale, made in good faith, then arrives as `lease_reclaimed`.
 */
export type LeaseSettings = {
  ttlMinutes: number;
  graceMinutes: number;
  reclaimAfterGrace: boolean;
};
export const defaultLeaseSettings: LeaseSettings = {
  ttlMinutes: 24 * 60,
  graceMinutes: 24 * 60,
  reclaimAfterGrace: false,
};

/** org_settings key 'syncLeases' = { ttlMinutes, graceMinutes, reclaimAfterGrace } overrides the defaults. */
export const leaseSettings = async (sql: SqlPort): Promise<LeaseSettings> => {
  const rows = await sql.query<{ value: unknown }>(
    "SELECT value FROM org_settings WHERE key = 'syncLeases'",
  );
  const v = rows[0] ? jsonOf<Partial<LeaseSettings>>(rows[0].value) : {};
  const atLeast = (n: unknown, min: number, d: number): number =>
    typeof n === 'number' && n >= min ? n : d;
  return {
    ttlMinutes: atLeast(v?.ttlMinutes, 1, defaultLeaseSettings.ttlMinutes),
    graceMinutes: atLeast(v?.graceMinutes, 0, defaultLeaseSettings.graceMinutes),
    reclaimAfterGrace: v?.reclaimAfterGrace === true,
  };
};

type OfferRow = { config: Offer; redeemed_count: unknown; leased_outstanding: unknown };

/** Whether an offer's stale leases are reclaimed after the grace (explicit opt-in only). */
export const reclaimsAfterGrace = (config: Offer, s: LeaseSettings): boolean =>
  s.reclaimAfterGrace ||
  (config.offlinePolicy?.mode !== 'ONLINE_ONLY' &&
    config.offlinePolicy?.reclaimAfterGrace === true);

/**
 * Under the explicit reclaim option only: takes back the unspent units of leases past expiry
 * plus grace. A fact made while such a lease was valid that still arrives is classified
 * lease_reclaimed (good faith); one made after, lease_overdraft or over_limit. Without the
 * option nothing is taken back here. Call with the offer row locked.
 */
export const expireStaleLeases = async (
  tx: SqlPort,
  offerId: string,
  now: Date,
  s: LeaseSettings,
  reclaim: boolean,
): Promise<void> => {
  if (!reclaim) return;
  const cutoff = new Date(now.getTime() - s.graceMinutes * 60_000).toISOString();
  const freed = await tx.query<{ unspent: unknown }>(
    `UPDATE sync_leases SET status = 'EXPIRED', closed_at = $3
      WHERE offer_id = $1 AND status = 'ACTIVE' AND expires_at < $2
     RETURNING granted - used AS unspent`,
    [offerId, cutoff, now.toISOString()],
  );
  const total = freed.reduce((sum, r) => sum + Math.max(0, Number(r.unspent)), 0);
  if (total > 0) {
    await tx.query(
      'UPDATE offers SET leased_outstanding = GREATEST(leased_outstanding - $2, 0) WHERE id = $1',
      [offerId, total],
    );
  }
};

/**
 * Tills the offer's sync scope reaches in the org tree, registered yet or not: they share its
 * allowance. (Counting only registered tills would hand the first till to connect everything.)
 */
const countSharers = async (tx: SqlPort, scope: OrgEntityRef[]): Promise<number> => {
  const rows = await tx.query<{
    till_id: string;
    store_id: string;
    zone_id: string | null;
    concept_id: string | null;
  }>(
    `SELECT t.id AS till_id, s.id AS store_id, z.id AS zone_id, c.id AS concept_id
       FROM org_entities t
       JOIN org_entities s ON s.id = t.parent_id AND s.type = 'STORE'
       LEFT JOIN org_entities z ON z.id = s.parent_id AND z.type = 'ZONE'
       LEFT JOIN org_entities c ON c.id = z.parent_id AND c.type = 'CONCEPT'
      WHERE t.type = 'TILL'`,
  );
  const n = rows.filter((r) =>
    scopeReachesTill(scope, {
      tillId: r.till_id,
      storeId: r.store_id,
      zoneId: r.zone_id,
      conceptId: r.concept_id,
    }),
  ).length;
  return Math.max(1, n);
};

const returnLease = async (
  tx: SqlPort,
  deviceId: string,
  leaseId: string,
  at: string,
): Promise<void> => {
  const found = await tx.query<{ offer_id: string }>(
    'SELECT offer_id FROM sync_leases WHERE id = $1 AND device_id = $2',
    [leaseId, deviceId],
  );
  const offerId = found[0]?.offer_id;
  if (offerId === undefined) return;
  await tx.query('SELECT 1 FROM offers WHERE id = $1 FOR UPDATE', [offerId]);
  const closed = await tx.query<{ unspent: unknown }>(
    `UPDATE sync_leases SET status = 'RETURNED', closed_at = $2
      WHERE id = $1 AND status = 'ACTIVE' RETURNING granted - used AS unspent`,
    [leaseId, at],
  );
  const unspent = Math.max(0, Number(closed[0]?.unspent ?? 0));
  if (unspent > 0) {
    await tx.query(
      'UPDATE offers SET leased_outstanding = GREATEST(leased_outstanding - $2, 0) WHERE id = $1',
      [offerId, unspent],
    );
  }
};

/**
 * Grants and takes back offline allowance. Each grant happens under
 * the offer's row lock and never exceeds limit − redeemed − outstanding, nor the till's fair
 * share, so the sum of what tills hold plus what is redeemed never passes the series limit.
 * See docs/architecture.md, "Leases".
 */
export async function exchangeLeases(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-leases'>,
  now: Date,
): Promise<OpOutput<'sync-leases'>> {
  const at = now.toISOString();
  return sql.transaction(async (tx) => {
    const device = await requireDevice(tx, principal);
    const settings = await leaseSettings(tx);
    for (const r of [...input.returns].sort((a, b) => (a.leaseId < b.leaseId ? -1 : 1))) {
      await returnLease(tx, device.deviceId, r.leaseId, at);
    }
    const refused: { offerId: string; reason: string }[] = [];
    const requests = [...input.requests].sort((a, b) => (a.offerId < b.offerId ? -1 : 1));
    const visible = new Set(
      requests.length > 0
        ? await visibleOfferIds(tx, await tillPlace(tx, device.tillId, device.storeId))
        : [],
    );
    for (const req of requests) {
      const offers = await tx.query<OfferRow>(
        'SELECT config, redeemed_count, leased_outstanding FROM offers WHERE id = $1 FOR UPDATE',
        [req.offerId],
      );
      const offer = offers[0];
      const refuse = (reason: string) => refused.push({ offerId: req.offerId, reason });
      if (!offer) {
        refuse(`offer ${req.offerId} does not exist`);
        continue;
      }
      const limit = offer.config.redemption?.seriesLimit ?? null;
      if (limit === null) {
        refuse('the offer has no series limit: offline redemptions need no allowance');
        continue;
      }
      if (offer.config.offlinePolicy?.mode === 'ONLINE_ONLY') {
        refuse('the offer may only be redeemed online');
        continue;
      }
      if (!visible.has(req.offerId)) {
        refuse('the offer is not synced to this till');
        continue;
      }
      await expireStaleLeases(
        tx,
        req.offerId,
        now,
        settings,
        reclaimsAfterGrace(offer.config, settings),
      );
      const book = await tx.query<{ redeemed_count: unknown; leased_outstanding: unknown }>(
        'SELECT redeemed_count, leased_outstanding FROM offers WHERE id = $1',
        [req.offerId],
      );
      const mine = await tx.query<{ outstanding: unknown }>(
        `SELECT COALESCE(SUM(granted - used), 0) AS outstanding FROM sync_leases
          WHERE offer_id = $1 AND device_id = $2 AND status = 'ACTIVE'`,
        [req.offerId, device.deviceId],
      );
      const scope = offer.config.syncToInStore?.scope ?? [];
      const n = grantSize(
        {
          limit,
          redeemed: Number(book[0]?.redeemed_count ?? 0),
          outstanding: Number(book[0]?.leased_outstanding ?? 0),
        },
        {
          want: req.want,
          tillOutstanding: Number(mine[0]?.outstanding ?? 0),
          sharers: await countSharers(tx, scope),
        },
      );
      if (n === 0) {
        refuse('no allowance left: the rest of the limit is redeemed or held by other tills');
        continue;
      }
      const expiresAt = new Date(now.getTime() + settings.ttlMinutes * 60_000).toISOString();
      await tx.query(
        `INSERT INTO sync_leases (id, offer_id, till_id, device_id, granted, granted_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [newId(now.getTime()), req.offerId, device.tillId, device.deviceId, n, at, expiresAt],
      );
      await tx.query(
        'UPDATE offers SET leased_outstanding = leased_outstanding + $2 WHERE id = $1',
        [req.offerId, n],
      );
    }
    return { leases: await activeLeases(tx, device.deviceId), refused };
  });
}
