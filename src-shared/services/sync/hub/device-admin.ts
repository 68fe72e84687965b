import { notFound } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { storeScope, type Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '#shared/services/shared/audit';
import { actorOf } from '#shared/services/shared/clock';
import { isoOf, isoOrNull } from '#shared/services/shared/values';

type DeviceRow = {
  id: string;
  till_id: string;
  store_id: string;
  registered_at: unknown;
  registered_by: string;
  last_seen_at: unknown;
  revoked_at: unknown;
  revoked_by: string | null;
  revoke_reason: string | null;
};

/** Registered till devices, newest first; revoked ones only when asked. */
export async function listDevices(
  sql: SqlPort,
  input: OpParsedInput<'sync-devices-list'>,
  principal: Principal,
): Promise<OpOutput<'sync-devices-list'>> {
  const rows = await sql.query<DeviceRow>(
    `SELECT id, till_id, store_id, registered_at, registered_by, last_seen_at, revoked_at,
            revoked_by, revoke_reason
       FROM sync_devices
      WHERE ($1::text IS NULL OR store_id = $1) AND ($2::text[] IS NULL OR store_id = ANY($2::text[]))
        AND ($3::boolean OR revoked_at IS NULL)
      ORDER BY registered_at DESC LIMIT 1000`,
    [input.storeId ?? null, storeScope(principal), input.includeRevoked],
  );
  return {
    items: rows.map((r) => ({
      deviceId: r.id,
      tillId: r.till_id,
      storeId: r.store_id,
      registeredAt: isoOf(r.registered_at),
      registeredBy: r.registered_by,
      lastSeenAt: isoOrNull(r.last_seen_at),
      revokedAt: isoOrNull(r.revoked_at),
      revokedBy: r.revoked_by,
      revokeReason: r.revoke_reason,
    })),
  };
}

/**
 * Cuts a till off (stolen, lost, retired): every live credential of the till and every
 * offline grant issued on it stop working at once. What it pushed before stays in the ledger;
 * anything later is refused (401) until it is enrolled again with a new code. Audited.
 */
export async function revokeTill(
  sql: SqlPort,
  input: OpParsedInput<'sync-devices-revoke'>,
  principal: Principal,
  now: Date,
): Promise<OpOutput<'sync-devices-revoke'>> {
  const at = now.toISOString();
  const by = actorOf(principal);
  return sql.transaction(async (tx) => {
    const till = await tx.query(`SELECT 1 FROM org_entities WHERE id = $1 AND type = 'TILL'`, [
      input.tillId,
    ]);
    const known = await tx.query('SELECT 1 FROM sync_devices WHERE till_id = $1 LIMIT 1', [
      input.tillId,
    ]);
    if (till.length === 0 && known.length === 0) throw notFound('Till', input.tillId);
    const devices = await tx.query(
      `UPDATE sync_devices SET revoked_at = $2, revoked_by = $3, revoke_reason = $4
        WHERE till_id = $1 AND revoked_at IS NULL RETURNING id`,
      [input.tillId, at, by, input.reason],
    );
    const grants = await tx.query(
      `UPDATE sync_grants SET revoked_at = $2 WHERE till_id = $1 AND revoked_at IS NULL RETURNING id`,
      [input.tillId, at],
    );
    await audit(tx, {
      at,
      actor: by,
      action: 'till.revoke',
      entityType: 'till',
      entityId: input.tillId,
      details: { reason: input.reason, devices: devices.length, grants: grants.length },
    });
    return {
      tillId: input.tillId,
      revokedDevices: devices.length,
      revokedGrants: grants.length,
    };
  });
}

type RefusedRow = {
  client_id: string;
  till_id: string;
  store_id: string;
  till_seq: unknown;
  kind: string;
  outcome: 'rejected' | 'invalid';
  reason_code: string | null;
  reason: string | null;
  device_time: string;
  received_at: unknown;
  payload: unknown;
};

/** Facts tills pushed that the hub rejected or found invalid, newest first, with the reason. */
export async function listRefusedFacts(
  sql: SqlPort,
  input: OpParsedInput<'sync-facts-refused'>,
  principal: Principal,
): Promise<OpOutput<'sync-facts-refused'>> {
  const rows = await sql.query<RefusedRow>(
    `SELECT f.client_id, f.till_id, d.store_id, f.till_seq, f.kind, f.outcome, f.reason_code,
            f.reason, f.device_time, f.received_at, f.payload
       FROM sync_facts f JOIN sync_devices d ON d.id = f.device_id
      WHERE f.outcome IN ('rejected', 'invalid')
        AND ($1::text IS NULL OR d.store_id = $1) AND ($2::text IS NULL OR f.till_id = $2)
        AND ($3::text[] IS NULL OR d.store_id = ANY($3::text[]))
      ORDER BY f.received_at DESC, f.client_id DESC LIMIT $4`,
    [input.storeId ?? null, input.tillId ?? null, storeScope(principal), input.limit],
  );
  return {
    items: rows.map((r) => ({
      clientId: r.client_id,
      tillId: r.till_id,
      storeId: r.store_id,
      tillSeq: Number(r.till_seq),
      kind: r.kind,
      outcome: r.outcome,
      reasonCode: r.reason_code ?? 'UNKNOWN',
      reason: r.reason ?? '',
      deviceTime: r.device_time,
      receivedAt: isoOf(r.received_at),
      payload:
        typeof r.payload === 'object' && r.payload !== null
          ? (r.payload as Record<string, unknown>)
          : {},
    })),
  };
}
