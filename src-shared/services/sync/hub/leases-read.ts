import type { SqlPort } from '#shared/sql/port';
import type { Lease } from '#shared/sync/protocol';
import { isoOf } from '#shared/services/shared/values';

type LeaseRow = {
  id: string;
  offer_id: string;
  granted: unknown;
  used: unknown;
  granted_at: unknown;
  expires_at: unknown;
  status: Lease['status'];
};

export const leaseFromRow = (r: LeaseRow): Lease => ({
  id: r.id,
  offerId: r.offer_id,
  granted: Number(r.granted),
  used: Number(r.used),
  grantedAt: isoOf(r.granted_at),
  expiresAt: isoOf(r.expires_at),
  status: r.status,
});

/** A device's active leases, oldest first. */
export const activeLeases = async (sql: SqlPort, deviceId: string): Promise<Lease[]> =>
  (
    await sql.query<LeaseRow>(
      `SELECT id, offer_id, granted, used, granted_at, expires_at, status FROM sync_leases
        WHERE device_id = $1 AND status = 'ACTIVE' ORDER BY granted_at, id`,
      [deviceId],
    )
  ).map(leaseFromRow);
