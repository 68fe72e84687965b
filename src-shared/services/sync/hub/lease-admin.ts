import { ApiError, notFound } from '#shared/api/errors';
import type { HandlerGroup } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '#shared/services/shared/audit';
import { actorOf } from '#shared/services/shared/clock';
import { isoOf } from '#shared/services/shared/values';

type Record = OpOutput<'sync-leases-list'>['items'][number];
type Row = {
  id: string;
  offer_id: string;
  offer_name: string | null;
  till_id: string;
  store_id: string | null;
  granted: unknown;
  used: unknown;
  granted_at: unknown;
  expires_at: unknown;
  status: Record['status'];
};

const select = /* sql */ `SELECT l.id, l.offer_id, o.name AS offer_name, l.till_id, d.store_id,
    l.granted, l.used, l.granted_at, l.expires_at, l.status
  FROM sync_leases l LEFT JOIN offers o ON o.id = l.offer_id
  LEFT JOIN sync_devices d ON d.id = l.device_id`;

const recordOf = (r: Row, now: Date): Record => {
  const granted = Number(r.granted);
  const used = Number(r.used);
  const expiresAt = isoOf(r.expires_at);
  return {
    id: r.id,
    offerId: r.offer_id,
    offerName: r.offer_name ?? r.offer_id,
    tillId: r.till_id,
    storeId: r.store_id,
    granted,
    used,
    unspent: r.status === 'ACTIVE' ? Math.max(0, granted - used) : 0,
    grantedAt: isoOf(r.granted_at),
    expiresAt,
    status: r.status,
    overdue: r.status === 'ACTIVE' && Date.parse(expiresAt) <= now.getTime(),
  };
};

export async function listLeases(
  sql: SqlPort,
  input: OpParsedInput<'sync-leases-list'>,
  now: Date,
): Promise<OpOutput<'sync-leases-list'>> {
  const rows = await sql.query<Row>(
    `${select}
      WHERE ($1::text IS NULL OR l.offer_id = $1) AND ($2::text IS NULL OR l.till_id = $2)
        AND ($3::text IS NULL OR l.status = $3)
        AND (NOT $4::boolean OR (l.status = 'ACTIVE' AND l.expires_at <= $5))
      ORDER BY l.expires_at, l.id LIMIT $6`,
    [
      input.offerId ?? null,
      input.tillId ?? null,
      input.status ?? null,
      input.overdue ?? false,
      now.toISOString(),
      input.limit,
    ],
  );
  return { items: rows.map((r) => recordOf(r, now)) };
}

/**
 * A person gives an expired lease's unspent units back to the offer: its till will not report
 * (lost, broken, enrolled again under a new device). Until then the hub keeps those units out
 * of every grant, so a capped offer cannot be exceeded however long a till stays offline. Only
 * after expiry — before it, the till may still spend them. Audited.
 */
export async function writeOffLease(
  sql: SqlPort,
  input: OpParsedInput<'sync-leases-write-off'>,
  principal: Principal,
  now: Date,
): Promise<OpOutput<'sync-leases-write-off'>> {
  const at = now.toISOString();
  return sql.transaction(async (tx) => {
    const found = await tx.query<{ offer_id: string }>(
      'SELECT offer_id FROM sync_leases WHERE id = $1',
      [input.leaseId],
    );
    const offerId = found[0]?.offer_id;
    if (offerId === undefined) throw notFound('Lease', input.leaseId);
    // The offer row first, as grants and pushes lock it: they queue behind this.
    await tx.query('SELECT 1 FROM offers WHERE id = $1 FOR UPDATE', [offerId]);
    const rows = await tx.query<Row>(`${select} WHERE l.id = $1 FOR UPDATE OF l`, [input.leaseId]);
    const before = recordOf(rows[0] as Row, now);
    if (before.status !== 'ACTIVE') {
      throw new ApiError(
        'CONFLICT',
        `Lease ${input.leaseId} is already ${before.status === 'RETURNED' ? 'returned by its till' : 'closed'}; nothing to write off`,
        { field: 'leaseId', status: before.status },
      );
    }
    if (!before.overdue) {
      throw new ApiError(
        'CONFLICT',
        `Lease ${input.leaseId} is valid until ${before.expiresAt}: till ${before.tillId} may still spend it offline. Write it off after that time, or revoke the till first if it is lost`,
        { field: 'leaseId', expiresAt: before.expiresAt },
      );
    }
    await tx.query(`UPDATE sync_leases SET status = 'EXPIRED', closed_at = $2 WHERE id = $1`, [
      input.leaseId,
      at,
    ]);
    if (before.unspent > 0) {
      await tx.query(
        'UPDATE offers SET leased_outstanding = GREATEST(leased_outstanding - $2, 0) WHERE id = $1',
        [offerId, before.unspent],
      );
    }
    await audit(tx, {
      at,
      actor: actorOf(principal),
      action: 'lease.write_off',
      entityType: 'lease',
      entityId: input.leaseId,
      details: {
        reason: input.reason,
        offerId,
        tillId: before.tillId,
        granted: before.granted,
        used: before.used,
        freed: before.unspent,
        expiresAt: before.expiresAt,
      },
    });
    return {
      lease: { ...before, status: 'EXPIRED', unspent: 0, overdue: false },
      freed: before.unspent,
    };
  });
}

export const leaseAdminHandlers: HandlerGroup<'sync-leases-list' | 'sync-leases-write-off'> = {
  'sync-leases-list': (input, ctx) => listLeases(ctx.sql, input, ctx.now()),
  'sync-leases-write-off': (input, ctx) => writeOffLease(ctx.sql, input, ctx.principal, ctx.now()),
};
