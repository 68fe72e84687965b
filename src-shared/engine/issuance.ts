import type { PastIssuance } from '../domain/coupon';
import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';
import { couponExpiresAt } from './coupon-expiry';
import { offerStatusAt } from './status';
import { calendarDaysBetween, isValidZone, parseInstant } from './time';
import type { IssuanceDecision, IssuanceFacts } from './types';

/** "Restrict based on past issuals" looks back this many months (seed: the past 6 months). */
export const RESTRICTED_LOOKBACK_MONTHS = 6;

const times = (n: number): string => (n === 1 ? 'one coupon' : `${n} coupons`);

const latest = (list: readonly PastIssuance[]): PastIssuance | null => {
  let best: PastIssuance | null = null;
  let bestMs = -Infinity;
  for (const i of list) {
    const ms = parseInstant(i.issuedAt)?.toMillis() ?? -Infinity;
    if (best === null || ms > bestMs) {
      best = i;
      bestMs = ms;
    }
  }
  return best;
};

/**
 * May this customer be issued a coupon of this offer now? Every rule that blocks is reported.
 * With third-party delivery the audience, per-customer maximum and gap are the third party's
 * business (seed: "you cannot control the issue & reminder settings"), so they are not applied.
 * When something blocks a customer who already holds a still-valid coupon and the offer says
 * "send existing valid coupon", the decision is to resend that coupon instead.
 */
export const checkIssuance = (facts: IssuanceFacts): Result<IssuanceDecision> => {
  const { offer, customer } = facts;
  const s = offer.issuance;
  const at = parseInstant(facts.at);
  if (at === null)
    return fail(reason('INVALID_TIME', `"${facts.at}" is not a date and time`, 'at'));
  if (!isValidZone(facts.timeZone)) {
    return fail(reason('INVALID_TIME_ZONE', `Unknown time zone "${facts.timeZone}"`, 'timeZone'));
  }
  const local = at.setZone(facts.timeZone);
  const controllable = offer.delivery !== 'THIRD_PARTY';
  const mine = facts.customerIssuances.filter((i) => i.customerId === customer.id);
  const reasons: Reason[] = [];

  const status = offerStatusAt(offer, facts.at);
  if (status !== 'ACTIVE') {
    const what = status === 'EXPIRED' ? 'has ended' : 'has not started yet';
    reasons.push(reason('OFFER_EXPIRED', `Offer "${offer.name}" ${what}`, 'expiry'));
  }
  if (controllable && s.specificCustomersOnly && !facts.inAudience) {
    reasons.push(
      reason(
        'NOT_IN_AUDIENCE',
        `Offer "${offer.name}" is issued only to the customers on its list, and this customer is not on it; add them to the list first`,
        'issuance.specificCustomersOnly',
      ),
    );
  }
  if (controllable && s.maxPerCustomer !== null && mine.length >= s.maxPerCustomer) {
    reasons.push(
      reason(
        'MAX_ISSUALS_PER_CUSTOMER_REACHED',
        `Customer ${customer.id} already has ${times(mine.length)} from this offer; the maximum per customer is ${s.maxPerCustomer}`,
        'issuance.maxPerCustomer',
      ),
    );
  }
  const last = latest(mine);
  const lastAt = last === null ? null : parseInstant(last.issuedAt);
  if (controllable && s.minGapDays !== null && s.minGapDays > 0 && lastAt !== null) {
    const lastLocal = lastAt.setZone(facts.timeZone);
    if (calendarDaysBetween(lastLocal, local) < s.minGapDays) {
      const next = lastLocal.startOf('day').plus({ days: s.minGapDays }).toFormat('d LLL yyyy');
      reasons.push(
        reason(
          'ISSUAL_GAP_NOT_MET',
          `Customer ${customer.id} was issued a coupon on ${lastLocal.toFormat('d LLL yyyy')}; offers need ${s.minGapDays} day(s) between issuals, so the next one is allowed from ${next}`,
          'issuance.minGapDays',
        ),
      );
    }
  }
  if (s.totalLimit !== null && facts.offerIssuedCount >= s.totalLimit) {
    reasons.push(
      reason(
        'ISSUAL_LIMIT_REACHED',
        `Offer "${offer.name}" has issued all ${s.totalLimit} coupons it may issue`,
        'issuance.totalLimit',
      ),
    );
  }
  const since = local.minus({ months: RESTRICTED_LOOKBACK_MONTHS }).toMillis();
  const restricted = facts.restrictedIssuances.find(
    (i) =>
      i.customerId === customer.id &&
      s.restrictPastIssualsOfOfferIds.includes(i.offerId) &&
      (parseInstant(i.issuedAt)?.toMillis() ?? -Infinity) >= since,
  );
  if (restricted !== undefined) {
    reasons.push(
      reason(
        'RECEIVED_RESTRICTED_OFFER',
        `Customer ${customer.id} received a coupon of offer ${restricted.offerId} in the last ${RESTRICTED_LOOKBACK_MONTHS} months, which excludes them from this offer`,
        'issuance.restrictPastIssualsOfOfferIds',
      ),
    );
  }
  if (offer.codeGeneration.method === 'COMMON' && mine.length > 0) {
    reasons.push(
      reason(
        'GENERIC_ALREADY_ISSUED',
        `Customer ${customer.id} already has this offer's common code; a customer gets at most one generic coupon`,
        'codeGeneration',
      ),
    );
  }

  if (reasons.length === 0) {
    const remaining = s.totalLimit === null ? null : s.totalLimit - (facts.offerIssuedCount + 1);
    return ok({
      action: 'ISSUE',
      expiresAt: couponExpiresAt(offer, facts.at, facts.timeZone),
      thresholdReached:
        remaining !== null && s.notifyThreshold !== null && remaining <= s.notifyThreshold,
    });
  }
  const valid = latest(mine.filter((i) => i.stillValid));
  if (s.onRematch === 'SEND_EXISTING' && valid !== null) {
    return ok({ action: 'SEND_EXISTING', couponId: valid.couponId });
  }
  return fail(...reasons);
};
