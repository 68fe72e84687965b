import type { SqlPort } from '#shared/sql/port';
import type { PushedFact, TillFact } from '#shared/sync/facts';
import { jsonOf } from '#shared/services/shared/values';

/**
 * Set by the till's offline router for one call: the lease unit the redemption spent, and
 * whether the code was accepted by its keyed check alone (no coupon of it had reached the
 * till): the fact then carries `verifiedOffline: true` and the hub links it to the real coupon.
 */
export type LeaseStamp = { leaseId: string | null; verifiedOffline?: boolean };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The whole append as one statement (one round trip on the till's redeem path): an already
 * queued client id returns its seq and changes nothing; otherwise the counter row is bumped and
 * the fact inserted with that seq. The coupon and offer a fact touches (so a pull can rebase
 * their counters on pending facts) come from its payload, or for a reversal from the redemption
 * it reverses.
 */
const appendSql = /* sql */ `WITH queued AS (SELECT seq FROM till_outbox WHERE client_id = $1),
  target AS (
    SELECT COALESCE($5::text, (SELECT r.offer_id FROM redemptions r WHERE r.id = $7::text)) AS offer_id,
           COALESCE($6::text, (SELECT r.coupon_id FROM redemptions r WHERE r.id = $7::text)) AS coupon_id),
  bumped AS (
    UPDATE till_outbox_counter SET last_seq = last_seq + 1
     WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM queued)
    RETURNING last_seq),
  added AS (
    INSERT INTO till_outbox (seq, client_id, kind, device_time, lease_id, offer_id, coupon_id, payload)
    SELECT bumped.last_seq, $1, $2::text, $3::text, $4::text, target.offer_id, target.coupon_id,
           $8::jsonb
      FROM bumped, target
    RETURNING seq)
  SELECT COALESCE((SELECT seq FROM queued), (SELECT seq FROM added)) AS seq`;

/**
 * Appends a fact to the till's outbox inside the caller's transaction. tillSeq
 * comes from a counter row bumped in the same transaction, so it is gap-free: a rolled-back
 * redemption takes its number with it. A fact whose client id is already queued is not added
 * twice (a journal replay). When the offline router spent a lease unit for this call, the lease
 * is stamped on the fact object itself, so the journal record written after it carries it too.
 * See docs/architecture.md, "Facts up".
 */
export async function appendToOutbox(
  tx: SqlPort,
  fact: TillFact,
  stamp?: LeaseStamp,
): Promise<number> {
  if (stamp?.leaseId) {
    fact.leaseId = stamp.leaseId;
    fact.payload['leaseId'] = stamp.leaseId;
  }
  if (stamp?.verifiedOffline && fact.kind === 'REDEMPTION') fact.payload['verifiedOffline'] = true;
  const reversal = fact.kind === 'REVERSAL';
  const rows = await tx.query<{ seq: unknown }>(appendSql, [
    fact.clientId,
    fact.kind,
    fact.deviceTime,
    fact.leaseId,
    reversal ? null : str(fact.payload['offerId']),
    reversal ? null : str(fact.payload['couponId']),
    reversal ? str(fact.payload['redemptionId']) : null,
    JSON.stringify(fact.payload),
  ]);
  return Number(rows[0]?.seq);
}

/** The HandlerContext hook for a till: `recordFact` bound to an optional per-call lease stamp. */
export const outboxRecorder =
  (stamp?: LeaseStamp) =>
  async (tx: SqlPort, fact: TillFact): Promise<void> => {
    await appendToOutbox(tx, fact, stamp);
  };

type OutboxRow = {
  seq: unknown;
  client_id: string;
  kind: PushedFact['kind'];
  device_time: string;
  lease_id: string | null;
  payload: unknown;
};

/** The next facts to push, in tillSeq order. */
export async function pendingFacts(
  sql: SqlPort,
  fromSeq: number,
  limit: number,
): Promise<PushedFact[]> {
  const rows = await sql.query<OutboxRow>(
    `SELECT seq, client_id, kind, device_time, lease_id, payload FROM till_outbox
      WHERE seq >= $1 ORDER BY seq LIMIT $2`,
    [fromSeq, limit],
  );
  return rows.map((r) => ({
    tillSeq: Number(r.seq),
    clientId: r.client_id,
    kind: r.kind,
    deviceTime: r.device_time,
    leaseId: r.lease_id,
    payload: jsonOf<Record<string, unknown>>(r.payload),
  }));
}

/** Drops what the hub acknowledged; only then is a fact allowed to leave the till. */
export async function dropAcknowledged(sql: SqlPort, ackedSeq: number): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM till_outbox WHERE seq <= $1', [ackedSeq]);
    await tx.query('UPDATE till_sync_state SET acked_seq = GREATEST(acked_seq, $1) WHERE id = 1', [
      ackedSeq,
    ]);
  });
}

export async function pendingCount(sql: SqlPort): Promise<number> {
  const rows = await sql.query<{ n: unknown }>('SELECT count(*) AS n FROM till_outbox');
  return Number(rows[0]?.n ?? 0);
}
