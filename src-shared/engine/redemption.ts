import { fail, reason, type Reason, type Result } from '../domain/reasons';
import { computeDiscount } from './discount';
import { parseMoney } from './money';
import { couponReasons, limitReasons } from './redemption-coupon';
import {
  billReasons,
  gapReasons,
  newCustomerReasons,
  scheduleReasons,
  startReasons,
  storeReasons,
} from './redemption-context';
import { offerStatusAt } from './status';
import { describeInstant, isValidZone, parseInstant } from './time';
import type { DiscountResult, RedemptionFacts, RedemptionRequest } from './types';

const offerReasons = (facts: RedemptionFacts, at: string, zone: string): Reason[] => {
  const { offer } = facts;
  const status = offerStatusAt(offer, at);
  if (status === 'ACTIVE') return [];
  if (status === 'NOT_STARTED') {
    return [reason('OFFER_EXPIRED', `Offer "${offer.name}" has not started yet`, 'expiry')];
  }
  const end = parseInstant(offer.expiry.endsAt ?? at);
  const when = end === null ? '' : ` on ${describeInstant(end.setZone(zone))}`;
  return [reason('OFFER_EXPIRED', `Offer "${offer.name}" ended${when}`, 'expiry.endsAt')];
};

/**
 * May this code give a discount on this bill, for this customer, here and now? Returns the
 * discount, or every reason it may not (never just the first), so a cashier sees at once all
 * that is wrong. Offer claims are irrelevant here; reversed redemptions never count.
 */
export const checkRedemption = (
  facts: RedemptionFacts,
  req: RedemptionRequest,
): Result<DiscountResult> => {
  const at = parseInstant(req.at);
  const zone = req.store.timeZone;
  const input: Reason[] = [];
  if (at === null) input.push(reason('INVALID_TIME', `"${req.at}" is not a date and time`, 'at'));
  if (!isValidZone(zone)) {
    input.push(
      reason(
        'INVALID_TIME_ZONE',
        `Store ${req.store.storeId} has an unknown time zone "${zone}": fix it in master data`,
        'store.timeZone',
      ),
    );
  }
  // Without a valid instant and zone no calendar rule can be read; say so rather than guess.
  if (at === null || input.length > 0) return fail(...input);

  const local = at.setZone(zone);
  const currency = req.currency || req.store.currency;
  const bill = parseMoney(req.billAmount);
  const reasons: Reason[] = [
    ...couponReasons(facts, local, req.code ?? ''),
    ...offerReasons(facts, req.at, zone),
    ...startReasons(facts, local),
    ...limitReasons(facts),
    ...storeReasons(facts.offer, req.store),
    ...(bill === null
      ? []
      : billReasons(facts.offer, bill, currency, req.store, facts.rates, local)),
    ...scheduleReasons(facts.offer, local),
    ...gapReasons(facts, local),
    ...newCustomerReasons(facts, local),
  ];
  const discount = computeDiscount(
    facts.offer,
    { billAmount: req.billAmount, currency, items: req.items, at: req.at },
    facts.rates,
    req.store.currency,
  );
  if (!discount.ok) {
    // The bill-threshold check may already have reported the same missing rate.
    for (const r of discount.reasons) {
      if (!reasons.some((x) => x.code === r.code && x.field === r.field)) reasons.push(r);
    }
  }
  return reasons.length > 0 ? fail(...reasons) : discount;
};
