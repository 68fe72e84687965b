import { Decimal } from 'decimal.js';
import { ApiError } from '../../api/errors';
import type { HandlerContext } from '../../api/handlers';
import type { OpOutput, OpParsedInput } from '../../api/operations';
import { redemptionCoreOf, type RedemptionRecord } from '../../domain/redemption';
import type { SqlPort } from '../../sql/port';
import type { TillFact } from '../../sync/facts';
import { ruleFailed } from '../shared/errors';
import { newId } from '../shared/ids';
import { findCoupon, lockCoupon } from './find-coupon';
import type { RedemptionJournalRecord } from './journal';
import { insertRedemption } from './ledger';
import { evaluate, notFoundReasons, presentedCode, ratesFor } from './presented-code';
import { loadRedemptionFacts } from './redemption-facts';
import { redemptionByIdSql, redemptionFromRow, type RedemptionRow } from './redemption-row';

type RedeemInput = OpParsedInput<'redemptions-redeem'>;
type RedeemOutput = OpOutput<'redemptions-redeem'>;

async function readRedemption(sql: SqlPort, id: string): Promise<RedeemOutput['redemption']> {
  const rows = await sql.query<RedemptionRow>(redemptionByIdSql, [id]);
  if (!rows[0]) throw new ApiError('INTERNAL', `Redemption ${id} vanished`);
  return redemptionFromRow(rows[0]);
}

/**
 * Redeems a code. Inside one transaction the offer and coupon rows are locked (so of many
 * concurrent redeems of a single-use code exactly one wins), the request's client id is
 * checked (a retry returns the first result, replayed), the rules run on committed counts,
 * then the redemption is written with its counters in one statement. At a till the outbox
 * fact and the fsync'd journal record are written before COMMIT: the cashier is told
 * "redeemed" only once it cannot be lost.
 */
export async function redeem(input: RedeemInput, ctx: HandlerContext): Promise<RedeemOutput> {
  const p = await presentedCode(input, ctx);
  const id = input.clientId ?? newId(ctx.now().getTime());
  return ctx.sql.transaction(async (tx) => {
    const found = await findCoupon(tx, p.code, p.customer?.id ?? null, true);
    if (!found || !found.coupon) {
      const reasons = [...p.requestReasons, ...notFoundReasons(p, found)];
      throw ruleFailed(`Code ${p.code} cannot be redeemed: ${reasons[0]?.message}`, reasons);
    }
    const locked = found.locked
      ? { offer: found.offer, coupon: found.coupon, seriesRedeemed: found.seriesRedeemed }
      : await lockCoupon(tx, found.offer.id, found.coupon.id);
    const { facts, existing } = await loadRedemptionFacts(tx, {
      offer: locked.offer,
      coupon: locked.coupon,
      customer: p.customer,
      seriesRedeemed: locked.seriesRedeemed,
      rates: await ratesFor(tx, locked.offer, p),
      clientId: id,
    });
    if (existing) {
      if (existing.code !== locked.coupon.code) {
        throw new ApiError(
          'CONFLICT',
          `Client id ${id} already recorded a redemption of code ${existing.code}, not ${p.code}; use a new client id for a new redemption`,
          { field: 'clientId', clientId: id, code: existing.code },
        );
      }
      return { redemption: await readRedemption(tx, id), replayed: true };
    }
    const result = evaluate(facts, p);
    if (!result.ok) {
      throw ruleFailed(
        `Code ${p.code} cannot be redeemed: ${result.reasons[0]?.message}`,
        result.reasons,
      );
    }
    const deviceTime = ctx.now().toISOString();
    const record: RedemptionRecord = {
      id,
      couponId: locked.coupon.id,
      offerId: locked.offer.id,
      code: locked.coupon.code,
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
    };
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
    // Built from what was written (numeric(18,2) keeps two places) rather than read back.
    const redemption: RedeemOutput['redemption'] = {
      ...redemptionCoreOf(record),
      billAmount: new Decimal(record.billAmount).toFixed(2),
      discount: new Decimal(record.discount).toFixed(2),
      offerName: locked.offer.name,
      reversedAt: null,
      classification: null,
    };
    return { redemption, replayed: false };
  });
}
