import { redemptionFactPayload, type RedemptionFactPayload } from '#shared/domain/redemption';
import { effectiveCodeLimit, perCustomerCap } from '#shared/engine/limits';
import type { SqlPort } from '#shared/sql/port';
import { classifyRedemption, type Classification } from '#shared/sync/classification';
import type { PushedFact } from '#shared/sync/facts';
import { newId } from '#shared/services/shared/ids';
import type { Device } from './devices';
import { codeKey, customerCodeKey, ms, readRun } from './redemption-run-read';
import { writeRun } from './redemption-run-write';
import { linkVerifiedCodes } from './verified-links';
import {
  invalid,
  malformedValues,
  openRefusedItem,
  redemptionScopeRefusal,
  type PushScope,
  type Refusal,
} from './refused-facts';

/** What became of one fact of a run. */
export type RunOutcome =
  | { kind: 'applied'; classification: Classification; reconciliationId: string | null }
  | { kind: 'known' }
  | Refusal;

/**
 * Writes a run of a till's offline redemptions into the hub's ledger and classifies each:
 * every redemption is recorded whatever the verdict, with the counter updates of
 * an online one (as src-shared/services/redemptions/ledger.ts makes them), and anything but
 * `accepted` opens a reconciliation item. The run is read, locked and written in a handful of
 * set-based statements (offers, then coupons, then leases, in id order: the order the
 * redemption and lease services lock in), with the verdicts computed in order in memory, so
 * ten thousand facts cost about as many statements as one.
 * See docs/architecture.md, "Always accept, then classify".
 */
export async function applyRedemptionRun(
  tx: SqlPort,
  device: PushScope,
  facts: readonly PushedFact[],
  at: string,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = facts.map(() => ({ kind: 'known' }));
  const parsed: (RedemptionFactPayload | null)[] = facts.map((f, i) => {
    const p = redemptionFactPayload.safeParse(f.payload);
    if (!p.success)
      outcomes[i] = invalid('MALFORMED', `malformed REDEMPTION payload: ${p.error.message}`);
    return p.success ? p.data : null;
  });
  await linkVerifiedCodes(tx, facts, parsed, outcomes);
  await runLedger(tx, device, facts, parsed, outcomes, at);
  // A redemption the hub refused is money already given: it goes in front of back office.
  await openItems(tx, device, facts, outcomes, at);
  return outcomes;
}

const openItems = async (
  tx: SqlPort,
  device: Device,
  facts: readonly PushedFact[],
  outcomes: RunOutcome[],
  at: string,
): Promise<void> => {
  for (const [i, o] of outcomes.entries()) {
    if (o.kind !== 'rejected' && o.kind !== 'invalid') continue;
    o.reconciliationId = await openRefusedItem(tx, device, facts[i] as PushedFact, o, at);
  }
};

const runLedger = async (
  tx: SqlPort,
  device: PushScope,
  facts: readonly PushedFact[],
  parsed: (RedemptionFactPayload | null)[],
  outcomes: RunOutcome[],
  at: string,
): Promise<void> => {
  const ids = parsed.flatMap((p) => (p ? [p.id] : []));
  const known = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM redemptions WHERE id = ANY($1::text[])', [ids])
    ).map((r) => r.id),
  );
  const todo = parsed.map((p, i) => (p && !known.has(p.id) ? i : -1)).filter((i) => i >= 0);
  if (todo.length === 0) return;
  const pick = (i: number) => parsed[i] as RedemptionFactPayload;
  const { offers, coupons, customers, leases, codePriors, customerPriors } = await readRun(
    tx,
    todo.map((i) => ({ payload: pick(i), leaseId: facts[i]?.leaseId ?? null })),
  );

  const ledger: Record<string, unknown>[] = [];
  const inRun = new Set<string>();
  const items: Record<string, unknown>[] = [];
  for (const i of todo) {
    const fact = facts[i] as PushedFact;
    const p = pick(i);
    const offer = offers.get(p.offerId);
    const coupon = coupons.get(p.couponId);
    if (inRun.has(p.id)) continue; // the same redemption twice in one batch
    const lease = fact.leaseId === null ? undefined : leases.get(fact.leaseId);
    const leasedHere =
      lease !== undefined && lease.device_id === device.deviceId && lease.offer_id === p.offerId;
    const refusal = redemptionScopeRefusal(device, p, leasedHere) ?? malformedValues(p);
    if (refusal) {
      outcomes[i] = refusal;
      continue;
    }
    if (!offer || !coupon || coupon.offer_id !== p.offerId) {
      outcomes[i] = invalid(
        'UNKNOWN_COUPON',
        `redeems coupon ${p.couponId} (${p.code}) of offer ${p.offerId}, which the hub does not have`,
      );
      continue;
    }
    inRun.add(p.id);
    const config = offer.row.config;
    const customerId = p.customerId !== null && customers.has(p.customerId) ? p.customerId : null;
    const key = codeKey(coupon, config);
    const prior = codePriors.get(key) ?? { count: 0, tills: new Set<string>() };
    const customerKey = `${customerCodeKey(coupon)}|${customerId}`;
    const leaseValid =
      lease !== undefined &&
      lease.device_id === device.deviceId &&
      lease.offer_id === p.offerId &&
      lease.status === 'ACTIVE' &&
      lease.used < lease.granted;
    // Taken back (reclaim after grace, or written off) though the till sold within it in good
    // faith: valid at the redemption's device time, with a unit left for it.
    const leaseReclaimed =
      !leaseValid &&
      lease !== undefined &&
      leasedHere &&
      lease.status === 'EXPIRED' &&
      lease.used < lease.granted &&
      (ms(p.redeemedAt) ?? Infinity) <= (ms(lease.expires_at) ?? -Infinity);
    const seriesLimit = config.redemption?.seriesLimit ?? null;
    const verdict = classifyRedemption({
      tillId: device.tillId,
      redeemedAt: ms(p.redeemedAt) ?? Date.parse(at),
      coupon: { revoked: coupon.state === 'REVOKED', expiresAt: ms(coupon.expires_at) },
      offerEndsAt: ms(offer.row.ends_at),
      codeLimit: effectiveCodeLimit(config),
      priorCodeCount: prior.count,
      priorCodeTills: [...prior.tills],
      customerCap: customerId === null ? null : perCustomerCap(config),
      priorCustomerRedemptions: customerPriors.get(customerKey) ?? 0,
      seriesLimit,
      seriesRedeemed: offer.redeemed,
      seriesOutstanding: offer.outstanding,
      leaseRequired: seriesLimit !== null,
      leaseValid,
      leaseReclaimed,
    });
    // The fact is in the ledger now: later facts of the run see it.
    prior.count += 1;
    prior.tills.add(device.tillId);
    codePriors.set(key, prior);
    if (customerId !== null)
      customerPriors.set(customerKey, (customerPriors.get(customerKey) ?? 0) + 1);
    offer.redeemed += 1;
    if (leaseValid && lease) {
      // The unit moves from "granted" to "redeemed": redeemed + outstanding stays the same.
      lease.used += 1;
      offer.outstanding = Math.max(0, offer.outstanding - 1);
    }
    // The reclaimed unit was already taken out of "granted": only the lease's tally moves.
    if (leaseReclaimed && lease) lease.used += 1;
    ledger.push({
      id: p.id,
      coupon_id: coupon.id,
      offer_id: p.offerId,
      code: coupon.code,
      customer_id: customerId,
      bill_amount: p.billAmount,
      currency: p.currency,
      discount: p.discount,
      redeemed_at: p.redeemedAt,
      device_time: fact.deviceTime,
      till_seq: fact.tillSeq,
      lease_id: fact.leaseId,
      lease_spent: leaseValid,
      lease_used: leaseValid || leaseReclaimed,
      classification: verdict.classification,
    });
    let reconciliationId: string | null = null;
    if (verdict.classification !== 'accepted') {
      reconciliationId = newId(Date.parse(at));
      items.push({
        id: reconciliationId,
        redemption_id: p.id,
        fact_client_id: fact.clientId,
        offer_id: p.offerId,
        coupon_id: coupon.id,
        code: coupon.code,
        classification: verdict.classification,
        reasons: verdict.reasons,
        redeemed_at: p.redeemedAt,
      });
    }
    outcomes[i] = { kind: 'applied', classification: verdict.classification, reconciliationId };
  }
  await writeRun(tx, device, ledger, items, at);
};
