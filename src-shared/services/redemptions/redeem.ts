import { Decimal } from 'decimal.js';
import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Coupon } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import { redemptionCoreOf, type RedemptionRecord } from '#shared/domain/redemption';
import { codeLimitCountsWholeOffer } from '#shared/engine/limits';
import type { SqlPort } from '#shared/sql/port';
import type { TillFact } from '#shared/sync/facts';
import { isUniqueViolation, ruleFailed } from '../shared/errors';
import { newId } from '../shared/ids';
import { findCoupon, lockCoupon, type FoundCoupon } from './find-coupon';
import type { RedemptionJournalRecord } from './journal';
import { insertRedemption, insertRedemptionGuarded } from './ledger';
import {
  evaluate,
  notFoundReasons,
  presentedCode,
  ratesFor,
  type Presented,
} from './presented-code';
import { loadRedemptionFacts } from './redemption-facts';
import { redemptionByIdSql, redemptionFromRow, type RedemptionRow } from './redemption-row';

type RedeemInput = OpParsedInput<'redemptions-redeem'>;
type RedeemOutput = OpOutput<'redemptions-redeem'>;

/** What the rules run on: the coupon, its offer and the offer's units taken. */
type Target = { offer: Offer; coupon: Coupon; seriesRedeemed: number };

/** Unlocked reads that found the coupon changed before the write, before taking the locks. */
const UNLOCKED_ATTEMPTS = 3;

async function readRedemption(sql: SqlPort, id: string): Promise<RedeemOutput['redemption']> {
  const rows = await sql.query<RedemptionRow>(redemptionByIdSql, [id]);
  if (!rows[0]) throw new ApiError('INTERNAL', `Redemption ${id} vanished`);
  return redemptionFromRow(rows[0]);
}

/**
 * Whether every rule of this offer reads only the coupon's own row and redemptions (and the
 * offer's series count, which the guarded write checks again). A common code anyone may redeem
 * counts the whole offer's uses of it, and a minimum gap reads the customer's other coupons:
 * those are decided with the offer locked.
 */
const decidedByCoupon = (offer: Offer): boolean =>
  !codeLimitCountsWholeOffer(offer) && offer.redemption.minGapDays === null;

/** The rules on what was read: a replayed answer, or the record to write. Throws refusals. */
async function decide(
  sql: SqlPort,
  ctx: HandlerContext,
  p: Presented,
  input: RedeemInput,
  id: string,
  t: Target,
): Promise<{ replay: RedeemOutput } | { record: RedemptionRecord; deviceTime: string }> {
  const { facts, existing } = await loadRedemptionFacts(sql, {
    offer: t.offer,
    coupon: t.coupon,
    customer: p.customer,
    seriesRedeemed: t.seriesRedeemed,
    rates: await ratesFor(sql, t.offer, p),
    clientId: id,
  });
  if (existing) {
    if (existing.code !== t.coupon.code) {
      throw new ApiError(
        'CONFLICT',
        `Client id ${id} already recorded a redemption of code ${existing.code}, not ${p.code}; use a new client id for a new redemption`,
        { field: 'clientId', clientId: id, code: existing.code },
      );
    }
    return { replay: { redemption: await readRedemption(sql, id), replayed: true } };
  }
  const result = evaluate(facts, p);
  if (!result.ok) {
    throw ruleFailed(
      `Code ${p.code} cannot be redeemed: ${result.reasons[0]?.message}`,
      result.reasons,
    );
  }
  const deviceTime = ctx.now().toISOString();
  return {
    deviceTime,
    record: {
      id,
      couponId: t.coupon.id,
      offerId: t.offer.id,
      code: t.coupon.code,
      customerId: p.customer?.id ?? null,
      storeId: p.store.storeId,
      tillId: p.store.tillId,
      billAmount: input.billAmount,
      currency: p.request.currency,
      discount: result.value.amount,
      redeemedAt: p.request.at,
      deviceTime,
      // At a till every redemption is a local fact the hub will classify when it syncs.
      origin: ctx.host === 'till' ? 'OFFLINE' : 'ONLINE',
      leaseId: null,
    },
  };
}

/** The refusal of a code that names no coupon here, with the request's own problems first. */
const notFound = (p: Presented, found: FoundCoupon | null): ApiError => {
  const reasons = [...p.requestReasons, ...notFoundReasons(p, found)];
  return ruleFailed(`Code ${p.code} cannot be redeemed: ${reasons[0]?.message}`, reasons);
};

/** Built from what was written (numeric(18,2) keeps two places) rather than read back. */
const answer = (record: RedemptionRecord, offerName: string): RedeemOutput => ({
  redemption: {
    ...redemptionCoreOf(record),
    billAmount: new Decimal(record.billAmount).toFixed(2),
    discount: new Decimal(record.discount).toFixed(2),
    offerName,
    reversedAt: null,
    classification: null,
  },
  replayed: false,
});

/**
 * A hub's redeem of a code its coupon alone decides: read and run the rules without locks,
 * then one guarded statement that writes only if the coupon is still the version read and the
 * offer is under its series limit (ledger.ts). The offer row is held for that statement alone,
 * not across round trips to Node, so one offer's redeems no longer queue behind each other.
 * 'retry': something changed since the read; 'locked': this code needs the locked path.
 */
async function redeemUnlocked(
  ctx: HandlerContext,
  p: Presented,
  input: RedeemInput,
  id: string,
): Promise<RedeemOutput | 'retry' | 'locked'> {
  const found = await findCoupon(ctx.sql, p.code, p.customer?.id ?? null);
  // A code with no coupon is refused as the locked path would, without looking it up again.
  if (!found?.coupon) throw notFound(p, found);
  if (found.couponVersion === null || !decidedByCoupon(found.offer)) return 'locked';
  const couponVersion = found.couponVersion;
  const decision = await decide(ctx.sql, ctx, p, input, id, { ...found, coupon: found.coupon });
  if ('replay' in decision) return decision.replay;
  try {
    const written = await insertRedemptionGuarded(ctx.sql, decision.record, {
      couponVersion,
      seriesLimit: found.offer.redemption.seriesLimit,
    });
    return written.written ? answer(decision.record, found.offer.name) : 'retry';
  } catch (error) {
    // The same client id written meanwhile: the next read finds it and replays it.
    if (isUniqueViolation(error)) return 'retry';
    throw error;
  }
}

/**
 * Redeems a code. Of many concurrent redeems of a single-use code exactly one wins, a retry of
 * a request's client id returns the first result (replayed), and the rules run on committed
 * counts. At a hub a code its coupon alone decides is read without locks and written by one
 * guarded statement (redeemUnlocked); anything else, and every till redeem, runs in one
 * transaction with the offer and coupon rows locked. At a till the outbox fact and the
 * fsync'd journal record are written before COMMIT: the cashier is told "redeemed" only once
 * it cannot be lost.
 */
export async function redeem(input: RedeemInput, ctx: HandlerContext): Promise<RedeemOutput> {
  const p = await presentedCode(input, ctx);
  const id = input.clientId ?? newId(ctx.now().getTime());
  if (ctx.host === 'hub' && !ctx.recordFact && !ctx.journal) {
    for (let attempt = 0; attempt < UNLOCKED_ATTEMPTS; attempt += 1) {
      const outcome = await redeemUnlocked(ctx, p, input, id);
      if (outcome === 'locked') break;
      if (outcome !== 'retry') return outcome;
    }
  }
  return ctx.sql.transaction(async (tx) => {
    const found = await findCoupon(tx, p.code, p.customer?.id ?? null, true);
    if (!found?.coupon) throw notFound(p, found);
    const target: Target = found.locked
      ? { ...found, coupon: found.coupon }
      : await lockCoupon(tx, found.offer.id, found.coupon.id);
    const decision = await decide(tx, ctx, p, input, id, target);
    if ('replay' in decision) return decision.replay;
    const { record, deviceTime } = decision;
    // Both rows are locked and the rules ran on them, so the plain write is the right one (the
    // guarded statement's extra lock and checks cost a till 0.4 ms of CPU per redeem).
    await insertRedemption(tx, record);
    let fact: TillFact | null = null;
    if (ctx.recordFact) {
      fact = {
        kind: 'REDEMPTION',
        clientId: id,
        deviceTime,
        leaseId: null,
        payload: { ...record },
      };
      await ctx.recordFact(tx, fact);
    }
    if (ctx.journal) {
      const entry: RedemptionJournalRecord = { type: 'REDEMPTION', redemption: record, fact };
      await ctx.journal.append(entry);
    }
    return answer(record, target.offer.name);
  });
}
