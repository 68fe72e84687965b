import type { DateTime } from 'luxon';
import type { PastRedemption } from '../domain/coupon';
import { reason, type Reason } from '../domain/reasons';
import {
  allowsAnyone,
  codeLimitCountsWholeOffer,
  effectiveCodeLimit,
  needsIssuance,
  perCustomerCap,
} from './limits';
import { describeInstant, parseInstant } from './time';
import type { RedemptionFacts } from './types';

const live = (rs: readonly PastRedemption[]): PastRedemption[] => rs.filter((r) => !r.reversed);

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

/** Why a customer must be identified for this offer, or null when anyone may stay anonymous. */
const customerNeededFor = (facts: RedemptionFacts): string | null => {
  const { offer } = facts;
  const r = offer.redemption;
  if (!allowsAnyone(offer)) return 'only the customer it was issued to may redeem it';
  if (perCustomerCap(offer) !== null)
    return 'each customer may redeem it a limited number of times';
  if (r.minGapDays !== null) return 'it needs a gap between a customer’s redemptions';
  if (r.newCustomers !== null) return 'it is for new customers only';
  return null;
};

/** The coupon itself: known, issued, not revoked, not expired, presented by someone allowed. */
export const couponReasons = (facts: RedemptionFacts, at: DateTime, code: string): Reason[] => {
  const { offer, coupon, customer } = facts;
  const reasons: Reason[] = [];
  if (coupon === null) {
    const label = code === '' ? 'This code' : `Code ${code}`;
    reasons.push(
      reason('CODE_NOT_FOUND', `${label} is not a code of offer "${offer.name}"`, 'code'),
    );
  } else {
    if (coupon.state === 'REVOKED') {
      reasons.push(reason('COUPON_REVOKED', `Code ${coupon.code} was revoked and cannot be used`));
    }
    if (coupon.issuedAt === null && needsIssuance(offer)) {
      reasons.push(
        reason(
          'COUPON_NOT_ISSUED',
          `Code ${coupon.code} has not been issued to any customer yet, so nobody can redeem it`,
        ),
      );
    }
    const expires = coupon.expiresAt === null ? null : parseInstant(coupon.expiresAt);
    if (expires !== null && at.toMillis() > expires.toMillis()) {
      const local = describeInstant(expires.setZone(at.zone));
      reasons.push(reason('COUPON_EXPIRED', `Code ${coupon.code} expired on ${local}`));
    }
  }
  const why = customerNeededFor(facts);
  if (customer === null && why !== null) {
    reasons.push(reason('CUSTOMER_REQUIRED', `Identify the customer first: ${why}`, 'customer'));
  }
  if (coupon !== null && customer !== null && !allowsAnyone(offer)) {
    if (coupon.customerId !== customer.id) {
      reasons.push(
        reason(
          'NOT_RECIPIENT',
          `Code ${coupon.code} was not issued to this customer, and only its recipient may redeem it`,
          'customer',
        ),
      );
    }
  }
  return reasons;
};

/** Code-level, customer-level and series-level limits, counting only live redemptions. */
export const limitReasons = (facts: RedemptionFacts): Reason[] => {
  const { offer, coupon, customer } = facts;
  const reasons: Reason[] = [];
  if (coupon !== null) {
    // A recipient-only common code: only this recipient's coupon counts against its limit.
    const wholeOffer = codeLimitCountsWholeOffer(offer);
    const codeUses = live(facts.codeRedemptions).filter(
      (r) => wholeOffer || r.couponId === coupon.id,
    );
    const codeLimit = effectiveCodeLimit(offer);
    if (codeLimit !== null && codeUses.length >= codeLimit) {
      reasons.push(
        reason(
          'CODE_LIMIT_REACHED',
          `Code ${coupon.code} has already been redeemed ${times(codeUses.length)}; its limit is ${codeLimit}`,
          'redemption.codeLimit',
        ),
      );
    }
    const cap = perCustomerCap(offer);
    if (customer !== null && cap !== null) {
      // Union by id: the facts carry this customer's uses in two lists; count each once.
      const mine = new Map<string, PastRedemption>();
      for (const r of live(facts.codeRedemptions))
        if (r.customerId === customer.id) mine.set(r.id, r);
      for (const r of live(facts.customerOfferRedemptions)) {
        if (r.code === coupon.code) mine.set(r.id, r);
      }
      if (mine.size >= cap) {
        reasons.push(
          reason(
            'CUSTOMER_LIMIT_REACHED',
            `This customer has already redeemed code ${coupon.code} ${times(mine.size)}; each customer may redeem it ${times(cap)}`,
            'redemption.customerLimit',
          ),
        );
      }
    }
  }
  const seriesLimit = offer.redemption.seriesLimit;
  if (seriesLimit !== null && facts.seriesRedemptionCount >= seriesLimit) {
    reasons.push(
      reason(
        'SERIES_LIMIT_REACHED',
        `Offer "${offer.name}" has reached its total of ${seriesLimit} redemptions`,
        'redemption.seriesLimit',
      ),
    );
  }
  return reasons;
};
