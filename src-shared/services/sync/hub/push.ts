import type { OpOutput, OpParsedInput } from '../../../api/operations';
import type { Principal } from '../../../api/roles';
import type { SqlPort } from '../../../sql/port';
import {
  issuanceFactPayload,
  redemptionFactPayload,
  reversalFactPayload,
  type PushedFact,
} from '../../../sync/facts';
import type { FactResult } from '../../../sync/protocol';
import { applyReversal } from '../../redemptions/ledger';
import { applyRedemptionFact, UnknownReferenceError } from './apply-redemption';
import { requireDevice, type Device } from './devices';

/** Device clocks this far ahead of the hub are flagged (never trusted, never fatal). */
export const CLOCK_DRIFT_MS = 5 * 60 * 1000;

type Applied = Pick<FactResult, 'outcome' | 'classification' | 'reconciliationId'> & {
  logOutcome: string;
  error?: string;
};

const applyReversalFact = async (
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  at: string,
): Promise<Applied> => {
  const p = reversalFactPayload.parse(fact.payload);
  const { applied } = await applyReversal(tx, {
    redemptionId: p.redemptionId,
    reversalId: p.reversalId ?? fact.clientId,
    reversedAt: p.reversedAt,
    reason: p.reason,
  });
  if (!applied) {
    const exists = await tx.query('SELECT 1 FROM redemptions WHERE id = $1', [p.redemptionId]);
    if (exists.length === 0) {
      throw new UnknownReferenceError(
        `fact ${fact.clientId} reverses unknown redemption ${p.redemptionId}`,
      );
    }
    return {
      outcome: 'already_applied',
      classification: null,
      reconciliationId: null,
      logOutcome: 'duplicate',
    };
  }
  // Reversed at the till: an open reconciliation item on it has nothing left to decide.
  await tx.query(
    `UPDATE reconciliation_items SET status = 'RESOLVED', resolution = 'REVERSE_REDEMPTION',
            resolution_reason = 'reversed at the till', resolved_by = $2, resolved_at = $3
      WHERE redemption_id = $1 AND status = 'OPEN'`,
    [p.redemptionId, `till:${device.tillId}`, at],
  );
  return {
    outcome: 'applied',
    classification: null,
    reconciliationId: null,
    logOutcome: 'applied',
  };
};

const applyIssuanceFact = async (tx: SqlPort, fact: PushedFact): Promise<Applied> => {
  const p = issuanceFactPayload.parse(fact.payload);
  const inserted = await tx.query(
    `INSERT INTO coupons (id, offer_id, code, customer_id, issued_at, expires_at, last_status_change_on)
     SELECT $1, $2, $3, $4, $5, $6, $5 WHERE EXISTS (SELECT 1 FROM offers WHERE id = $2)
     ON CONFLICT DO NOTHING RETURNING id`,
    [p.couponId, p.offerId, p.code, p.customerId, p.issuedAt, p.expiresAt],
  );
  if (inserted.length === 0) {
    return {
      outcome: 'already_applied',
      classification: null,
      reconciliationId: null,
      logOutcome: 'duplicate',
    };
  }
  await tx.query(
    `UPDATE offers SET issued_count = issued_count + 1,
            last_issued_at = GREATEST(COALESCE(last_issued_at, $2), $2) WHERE id = $1`,
    [p.offerId, p.issuedAt],
  );
  return {
    outcome: 'applied',
    classification: null,
    reconciliationId: null,
    logOutcome: 'applied',
  };
};

const applyOne = async (
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  at: string,
): Promise<Applied> => {
  switch (fact.kind) {
    case 'REDEMPTION': {
      const r = await applyRedemptionFact(
        tx,
        device,
        fact,
        redemptionFactPayload.parse(fact.payload),
        at,
      );
      return r.applied
        ? {
            outcome: 'applied',
            classification: r.classification,
            reconciliationId: r.reconciliationId,
            logOutcome: 'applied',
          }
        : {
            outcome: 'already_applied',
            classification: null,
            reconciliationId: null,
            logOutcome: 'duplicate',
          };
    }
    case 'REVERSAL':
      return applyReversalFact(tx, device, fact, at);
    case 'ISSUANCE':
      return applyIssuanceFact(tx, fact);
  }
};

/**
 * Applies one fact inside a savepoint: a fact the hub cannot write (malformed, or naming rows
 * it does not have) is still logged and acknowledged, so one bad fact never blocks the queue.
 */
const applyGuarded = async (
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  at: string,
): Promise<Applied> => {
  await tx.query('SAVEPOINT sync_fact');
  try {
    const applied = await applyOne(tx, device, fact, at);
    await tx.query('RELEASE SAVEPOINT sync_fact');
    return applied;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT sync_fact');
    await tx.query('RELEASE SAVEPOINT sync_fact');
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'applied',
      classification: null,
      reconciliationId: null,
      logOutcome: 'invalid',
      error: message,
    };
  }
};

type LoggedRow = {
  client_id: string;
  till_seq: unknown;
  classification: string | null;
  outcome: string;
};

/**
 * Applies a batch of a till's facts in ONE transaction (DESIGN §7). The device row lock
 * serializes a till's pushes; facts at or below the acknowledged tillSeq are skipped (replays),
 * a fact whose client id the hub already has is acknowledged without a second write, and a batch
 * that does not continue from the acknowledged tillSeq answers `resendFrom`.
 */
export async function applyPush(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-push'>,
  now: Date,
): Promise<OpOutput<'sync-push'>> {
  const at = now.toISOString();
  const facts = [...input.facts].sort((a, b) => a.tillSeq - b.tillSeq);
  return sql.transaction(async (tx) => {
    const device = await requireDevice(tx, principal, true);
    let acked = device.ackedSeq;
    let resendFrom: number | null = null;
    const results: FactResult[] = [];
    const replayed = facts.filter((f) => f.tillSeq <= acked);
    if (replayed.length > 0) {
      const logged = await tx.query<LoggedRow>(
        `SELECT client_id, till_seq, classification, outcome FROM sync_facts
          WHERE device_id = $1 AND till_seq = ANY($2::bigint[])`,
        [device.deviceId, replayed.map((f) => f.tillSeq)],
      );
      const bySeq = new Map(logged.map((r) => [Number(r.till_seq), r]));
      for (const f of replayed) {
        const row = bySeq.get(f.tillSeq);
        results.push({
          tillSeq: f.tillSeq,
          clientId: f.clientId,
          outcome: 'already_applied',
          classification: (row?.classification ?? null) as FactResult['classification'],
          reconciliationId: null,
          clockDrift: false,
        });
      }
    }
    for (const fact of facts) {
      if (fact.tillSeq <= acked) continue;
      if (fact.tillSeq !== acked + 1) {
        resendFrom = acked + 1;
        break;
      }
      const clockDrift = Date.parse(fact.deviceTime) > now.getTime() + CLOCK_DRIFT_MS;
      const seen = await tx.query('SELECT 1 FROM sync_facts WHERE client_id = $1', [fact.clientId]);
      const applied: Applied =
        seen.length > 0
          ? {
              outcome: 'already_applied',
              classification: null,
              reconciliationId: null,
              logOutcome: 'duplicate',
            }
          : await applyGuarded(tx, device, fact, at);
      if (seen.length === 0) {
        await tx.query(
          `INSERT INTO sync_facts (client_id, device_id, till_id, till_seq, kind, device_time, lease_id,
                  received_at, outcome, classification, clock_drift, payload)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
          [
            fact.clientId,
            device.deviceId,
            device.tillId,
            fact.tillSeq,
            fact.kind,
            fact.deviceTime,
            fact.leaseId,
            at,
            applied.error ? `invalid: ${applied.error}` : applied.logOutcome,
            applied.classification,
            clockDrift,
            JSON.stringify(fact.payload),
          ],
        );
      }
      results.push({
        tillSeq: fact.tillSeq,
        clientId: fact.clientId,
        outcome: applied.outcome,
        classification: applied.classification,
        reconciliationId: applied.reconciliationId,
        clockDrift,
      });
      acked = fact.tillSeq;
    }
    if (facts.length > 0 && facts[0] !== undefined && facts[0].tillSeq > device.ackedSeq + 1) {
      resendFrom = device.ackedSeq + 1;
    }
    await tx.query('UPDATE sync_devices SET acked_seq = $2, last_seen_at = $3 WHERE id = $1', [
      device.deviceId,
      acked,
      at,
    ]);
    return { ackedSeq: acked, resendFrom, results };
  });
}
