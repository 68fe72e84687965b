import { ApiError } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import type { PushedFact } from '#shared/sync/facts';
import type { FactResult } from '#shared/sync/protocol';
import { requireDevice } from './devices';
import { applyIssuanceFact, applyReversalFact, type OtherOutcome } from './other-facts';
import { tillPlace, visibleOfferIds } from './till-reach';
import { applyRedemptionRun, type RunOutcome } from './redemption-run';
import { invalid, openRefusedItem, type PushScope } from './refused-facts';

/** Device clocks this far ahead of the hub are flagged (never trusted, never fatal). */
export const CLOCK_DRIFT_MS = 5 * 60 * 1000;

type Outcome = RunOutcome | OtherOutcome;
type RunApplied = Extract<RunOutcome, { kind: 'applied' }>;
type Mode = 'fast' | 'careful';

/**
 * Runs `fn` inside a savepoint: a failure undoes only its own writes and becomes an `invalid`
 * outcome (with a reconciliation item when the fact is a redemption: money already given).
 */
const guarded = async (
  tx: SqlPort,
  device: PushScope,
  fact: PushedFact,
  fn: () => Promise<Outcome[]>,
  at: string,
): Promise<Outcome[]> => {
  await tx.query('SAVEPOINT sync_fact');
  try {
    const out = await fn();
    await tx.query('RELEASE SAVEPOINT sync_fact');
    return out;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT sync_fact');
    await tx.query('RELEASE SAVEPOINT sync_fact');
    const message = error instanceof Error ? error.message : String(error);
    const refusal = invalid('UNAPPLIABLE', `the hub could not apply it: ${message}`);
    if (fact.kind === 'REDEMPTION')
      refusal.reconciliationId = await openRefusedItem(tx, device, fact, refusal, at);
    return [refusal];
  }
};

/**
 * Applies facts in order. Consecutive redemptions go through as one set-based run ('fast');
 * in 'careful' mode (after the fast path failed unexpectedly) every fact gets its own
 * savepoint, so one the hub cannot apply is logged as invalid and the rest still go in.
 */
const applyInOrder = async (
  tx: SqlPort,
  device: PushScope,
  facts: PushedFact[],
  at: string,
  mode: Mode,
): Promise<Outcome[]> => {
  const outcomes: Outcome[] = [];
  let i = 0;
  while (i < facts.length) {
    const fact = facts[i] as PushedFact;
    if (fact.kind === 'REDEMPTION') {
      let j = i;
      while (j < facts.length && facts[j]?.kind === 'REDEMPTION') j += 1;
      const run = facts.slice(i, j);
      if (mode === 'fast') outcomes.push(...(await applyRedemptionRun(tx, device, run, at)));
      else
        for (const f of run)
          outcomes.push(
            ...(await guarded(tx, device, f, () => applyRedemptionRun(tx, device, [f], at), at)),
          );
      i = j;
      continue;
    }
    const apply = () =>
      fact.kind === 'REVERSAL'
        ? applyReversalFact(tx, device, fact, at)
        : applyIssuanceFact(tx, device, fact);
    outcomes.push(...(await guarded(tx, device, fact, async () => [await apply()], at)));
    i += 1;
  }
  return outcomes;
};

type LoggedRow = { client_id: string; till_seq: unknown; classification: string | null };

const applyBatch = async (
  tx: SqlPort,
  principal: Principal,
  facts: PushedFact[],
  now: Date,
  mode: Mode,
): Promise<OpOutput<'sync-push'>> => {
  const at = now.toISOString();
  const registered = await requireDevice(tx, principal, true);
  const device: PushScope = {
    ...registered,
    visibleOfferIds: new Set(
      await visibleOfferIds(tx, await tillPlace(tx, registered.tillId, registered.storeId)),
    ),
  };
  const results: FactResult[] = [];
  const result = (
    f: PushedFact,
    outcome: FactResult['outcome'],
    o: Partial<FactResult> = {},
  ): FactResult => ({
    tillSeq: f.tillSeq,
    clientId: f.clientId,
    outcome,
    reason: null,
    classification: null,
    reconciliationId: null,
    clockDrift: Date.parse(f.deviceTime) > now.getTime() + CLOCK_DRIFT_MS,
    ...o,
  });

  // Replays: at or below the acknowledged tillSeq.
  const replayed = facts.filter((f) => f.tillSeq <= device.ackedSeq);
  if (replayed.length > 0) {
    const logged = await tx.query<LoggedRow>(
      `SELECT client_id, till_seq, classification FROM sync_facts
        WHERE device_id = $1 AND till_seq = ANY($2::bigint[])`,
      [device.deviceId, replayed.map((f) => f.tillSeq)],
    );
    const bySeq = new Map(logged.map((r) => [Number(r.till_seq), r]));
    for (const f of replayed) {
      const c = bySeq.get(f.tillSeq)?.classification ?? null;
      results.push(
        result(f, 'already_applied', { classification: c as FactResult['classification'] }),
      );
    }
  }

  // The new facts must continue the acknowledged tillSeq without a gap.
  const fresh: PushedFact[] = [];
  let next = device.ackedSeq + 1;
  for (const f of facts) {
    if (f.tillSeq < next) continue;
    if (f.tillSeq > next) break;
    fresh.push(f);
    next += 1;
  }
  const resendFrom =
    fresh.length < facts.filter((f) => f.tillSeq > device.ackedSeq).length ? next : null;

  // A client id the hub already has (this device or another) is acknowledged, not re-applied.
  const seen = new Set(
    (
      await tx.query<{ client_id: string }>(
        'SELECT client_id FROM sync_facts WHERE client_id = ANY($1::text[])',
        [fresh.map((f) => f.clientId)],
      )
    ).map((r) => r.client_id),
  );
  const toApply: PushedFact[] = [];
  for (const f of fresh) {
    if (seen.has(f.clientId)) continue;
    seen.add(f.clientId);
    toApply.push(f);
  }
  const outcomes = await applyInOrder(tx, device, toApply, at, mode);
  const byClient = new Map(toApply.map((f, i) => [f.clientId, outcomes[i] as Outcome]));
  const applied = new Set(toApply);

  const log: Record<string, unknown>[] = [];
  for (const f of fresh) {
    const o = applied.has(f) ? byClient.get(f.clientId) : undefined;
    if (!o) {
      results.push(result(f, 'already_applied'));
      continue;
    }
    const refused = o.kind === 'rejected' || o.kind === 'invalid' ? o : null;
    const verdict = o.kind === 'applied' && 'classification' in o ? (o as RunApplied) : null;
    const classification =
      verdict?.classification ?? (refused && f.kind === 'REDEMPTION' ? 'refused' : null);
    const reconciliationId = verdict?.reconciliationId ?? refused?.reconciliationId ?? null;
    const r = result(
      f,
      o.kind === 'known' ? 'already_applied' : refused ? refused.kind : 'applied',
      {
        reason: refused ? { code: refused.code, message: refused.error } : null,
        classification,
        reconciliationId,
      },
    );
    results.push(r);
    log.push({
      client_id: f.clientId,
      till_seq: f.tillSeq,
      kind: f.kind,
      device_time: f.deviceTime,
      lease_id: f.leaseId,
      outcome: refused ? refused.kind : o.kind === 'known' ? 'duplicate' : 'applied',
      reason_code: refused?.code ?? null,
      reason: refused?.error ?? null,
      classification,
      clock_drift: r.clockDrift,
      payload: f.payload,
    });
  }
  if (log.length > 0) {
    await tx.query(
      `INSERT INTO sync_facts (client_id, device_id, till_id, till_seq, kind, device_time, lease_id,
              received_at, outcome, reason_code, reason, classification, clock_drift, payload)
       SELECT l.client_id, $2, $3, l.till_seq, l.kind, l.device_time, l.lease_id, $4, l.outcome,
              l.reason_code, l.reason, l.classification, l.clock_drift, l.payload
         FROM jsonb_to_recordset($1::jsonb) AS l(client_id text, till_seq bigint, kind text,
              device_time text, lease_id text, outcome text, reason_code text, reason text,
              classification text, clock_drift boolean, payload jsonb)`,
      [JSON.stringify(log), device.deviceId, device.tillId, at],
    );
  }
  const ackedSeq = next - 1;
  await tx.query('UPDATE sync_devices SET acked_seq = $2, last_seen_at = $3 WHERE id = $1', [
    device.deviceId,
    ackedSeq,
    at,
  ]);
  results.sort((a, b) => a.tillSeq - b.tillSeq);
  return { ackedSeq, resendFrom, results };
};

/**
 * Applies a batch of a till's facts in ONE transaction. The device row lock
 * serializes a till's pushes; facts at or below the acknowledged tillSeq are skipped (replays),
 * a fact whose client id the hub already has is acknowledged without a second write, and a batch
 * that does not continue from the acknowledged tillSeq answers `resendFrom`. Should the fast,
 * set-based path fail for a reason the services did not foresee, the batch is applied again
 * fact by fact, each in a savepoint, so one bad fact never blocks the queue.
 * See docs/architecture.md, "Facts up".
 */
export async function applyPush(
  sql: SqlPort,
  principal: Principal,
  input: OpParsedInput<'sync-push'>,
  now: Date,
): Promise<OpOutput<'sync-push'>> {
  const facts = [...input.facts].sort((a, b) => a.tillSeq - b.tillSeq);
  try {
    return await sql.transaction((tx) => applyBatch(tx, principal, facts, now, 'fast'));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return sql.transaction((tx) => applyBatch(tx, principal, facts, now, 'careful'));
  }
}
