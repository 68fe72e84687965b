import type { SqlPort } from '../../../sql/port';
import type { PushedFact, TillFact } from '../../../sync/facts';
import { jsonOf } from '../../shared/values';

/** Set by the till's offline router for one call: the lease unit the redemption spent. */
export type LeaseStamp = { leaseId: string | null };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The coupon and offer a fact touches, so a pull can rebase their counters on pending facts. */
const targetsOf = async (
  tx: SqlPort,
  fact: TillFact,
): Promise<{ offerId: string | null; couponId: string | null }> => {
  if (fact.kind !== 'REVERSAL') {
    return { offerId: str(fact.payload['offerId']), couponId: str(fact.payload['couponId']) };
  }
  const rows = await tx.query<{ offer_id: string; coupon_id: string }>(
    'SELECT offer_id, coupon_id FROM redemptions WHERE id = $1',
    [str(fact.payload['redemptionId'])],
  );
  return { offerId: rows[0]?.offer_id ?? null, couponId: rows[0]?.coupon_id ?? null };
};

/**
 * Appends a fact to the till's outbox inside the caller's transaction (DESIGN §7). tillSeq
 * comes from a counter row bumped in the same transaction, so it is gap-free: a rolled-back
 * redemption takes its number with it. A fact whose client id is already queued is not added
 * twice (a journal replay). When the offline router spent a lease unit for this call, the lease
 * is stamped on the fact object itself, so the journal record written after it carries it too.
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
  const queued = await tx.query<{ seq: unknown }>(
    'SELECT seq FROM till_outbox WHERE client_id = $1',
    [fact.clientId],
  );
  if (queued[0]) return Number(queued[0].seq);
  const { offerId, couponId } = await targetsOf(tx, fact);
  const next = await tx.query<{ last_seq: unknown }>(
    'UPDATE till_outbox_counter SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq',
  );
  const seq = Number(next[0]?.last_seq);
  await tx.query(
    `INSERT INTO till_outbox (seq, client_id, kind, device_time, lease_id, offer_id, coupon_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      seq,
      fact.clientId,
      fact.kind,
      fact.deviceTime,
      fact.leaseId,
      offerId,
      couponId,
      JSON.stringify(fact.payload),
    ],
  );
  return seq;
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
