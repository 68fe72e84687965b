import type { SqlPort } from '#shared/sql/port';
import { isoOrNull } from '#shared/services/shared/values';

/** The till's sync bookkeeping (one row): where it stands with the hub. */
export type TillSyncState = {
  hubUrl: string | null;
  deviceId: string | null;
  tillId: string | null;
  storeId: string | null;
  cursor: string;
  horizon: number | null;
  ackedSeq: number;
  online: boolean;
  failures: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
};

type Row = {
  hub_url: string | null;
  device_id: string | null;
  till_id: string | null;
  store_id: string | null;
  cursor: string;
  horizon: unknown;
  acked_seq: unknown;
  online: boolean;
  failures: unknown;
  last_attempt_at: unknown;
  last_success_at: unknown;
  last_error: string | null;
};

export async function readSyncState(sql: SqlPort): Promise<TillSyncState> {
  const rows = await sql.query<Row>(
    `SELECT hub_url, device_id, till_id, store_id, cursor, horizon, acked_seq, online, failures,
            last_attempt_at, last_success_at, last_error FROM till_sync_state WHERE id = 1`,
  );
  const r = rows[0];
  if (!r) throw new Error('till_sync_state has no row; run the migrations');
  return {
    hubUrl: r.hub_url,
    deviceId: r.device_id,
    tillId: r.till_id,
    storeId: r.store_id,
    cursor: r.cursor,
    horizon: r.horizon === null ? null : Number(r.horizon),
    ackedSeq: Number(r.acked_seq),
    online: r.online,
    failures: Number(r.failures),
    lastAttemptAt: isoOrNull(r.last_attempt_at),
    lastSuccessAt: isoOrNull(r.last_success_at),
    lastError: r.last_error,
  };
}

/**
 * Records which hub and registration this replica follows. A different device (the till
 * registered again) starts the feed over, since the new device's view may differ.
 */
export async function bindHub(
  sql: SqlPort,
  b: { hubUrl: string; deviceId: string; tillId: string; storeId: string },
): Promise<void> {
  await sql.query(
    `UPDATE till_sync_state SET hub_url = $1, till_id = $3, store_id = $4,
            cursor = CASE WHEN device_id IS DISTINCT FROM $2 THEN '0' ELSE cursor END,
            device_id = $2 WHERE id = 1`,
    [b.hubUrl, b.deviceId, b.tillId, b.storeId],
  );
}

export async function markAttempt(
  sql: SqlPort,
  at: Date,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  if (outcome.ok) {
    await sql.query(
      `UPDATE till_sync_state SET online = true, failures = 0, last_attempt_at = $1,
              last_success_at = $1, last_error = NULL WHERE id = 1`,
      [at.toISOString()],
    );
  } else {
    await sql.query(
      `UPDATE till_sync_state SET online = false, failures = failures + 1, last_attempt_at = $1,
              last_error = $2 WHERE id = 1`,
      [at.toISOString(), outcome.error.slice(0, 1000)],
    );
  }
}
