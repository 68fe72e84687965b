import type { Reason } from '../domain/reasons';

/**
 * The hub's verdict on a pushed fact (docs/architecture.md, "Always accept, then classify").
 * The fact is in the ledger whatever the verdict: the customer already left with the discount.
 */
export const classifications = [
  'accepted',
  'duplicate_code',
  'over_limit',
  'revoked_or_expired',
  'lease_overdraft',
  /** Made in good faith within a valid lease whose unspent units the hub took back before the fact arrived. */
  'lease_reclaimed',
  /** The hub could not write it to the ledger (out of the till's scope, or naming what the hub lacks). */
  'refused',
] as const;
export type Classification = (typeof classifications)[number];

/** Everything the hub knows, under its row locks, when a till's offline redemption arrives. */
export type ClassifyInput = {
  tillId: string;
  /** When the till says it redeemed (device time: recorded, not trusted for ordering). */
  redeemedAt: number;
  coupon: {
    revoked: boolean;
    /** Epoch ms, or null when the coupon never expires on its own. */
    expiresAt: number | null;
  };
  /** Epoch ms the offer ends, or null. */
  offerEndsAt: number | null;
  /** Effective limit of redemptions of this code by everyone (engine's effectiveCodeLimit). */
  codeLimit: number | null;
  /** Live redemptions of this code already in the ledger, and the tills that made them. */
  priorCodeCount: number;
  priorCodeTills: readonly string[];
  /** Per-customer cap on this code (engine's perCustomerCap) and this customer's live uses. */
  customerCap: number | null;
  priorCustomerRedemptions: number;
  /** Series-level limit, live redemptions in the offer and units still granted to tills. */
  seriesLimit: number | null;
  seriesRedeemed: number;
  seriesOutstanding: number;
  /** Offline redemptions of a series-limited offer must spend a lease unit. */
  leaseRequired: boolean;
  /** The fact names a lease of this till and offer that still had an unspent unit. */
  leaseValid: boolean;
  /**
   * The fact names a lease of this till and offer that was valid at the redemption's device
   * time and had a unit left for it, but whose unspent units the hub had taken back (reclaim
   * after grace, or written off) before the fact arrived.
   */
  leaseReclaimed?: boolean;
};

export type ClassifyResult = { classification: Classification; reasons: Reason[] };

const r = (code: string, message: string): Reason => ({ code, message });

/**
 * Classifies one pushed redemption. Precedence, most specific first: revoked_or_expired, then
 * duplicate_code (a single-use code also used at another till), then over_limit (code and
 * customer limits; the series limit only without a lease valid at the time), then
 * lease_reclaimed (made within a valid lease whose unit the hub took back first), then
 * lease_overdraft (no valid lease unit but the limit still holds). Every problem found is in
 * `reasons`, so back office sees the whole picture, not only the winning label.
 *
 * The series check for a fact without a valid lease unit counts the units granted to tills
 * (`seriesOutstanding`): spending one of those would break the hub's promise to another till,
 * so it breaks the limit as surely as exceeding it outright. A fact with a valid unit moves
 * that unit from "granted" to "redeemed" and so cannot break the series limit.
 */
export const classifyRedemption = (input: ClassifyInput): ClassifyResult => {
  const reasons: Reason[] = [];
  let revokedOrExpired = false;
  let duplicate = false;
  let overLimit = false;

  if (input.coupon.revoked) {
    revokedOrExpired = true;
    reasons.push(r('COUPON_REVOKED', 'the coupon was revoked at the hub'));
  }
  if (input.coupon.expiresAt !== null && input.redeemedAt > input.coupon.expiresAt) {
    revokedOrExpired = true;
    reasons.push(r('COUPON_EXPIRED', 'the coupon had expired when the till redeemed it'));
  }
  if (input.offerEndsAt !== null && input.redeemedAt > input.offerEndsAt) {
    revokedOrExpired = true;
    reasons.push(r('OFFER_EXPIRED', 'the offer had ended when the till redeemed it'));
  }

  const priors = input.priorCodeCount;
  if (input.codeLimit !== null && priors >= input.codeLimit) {
    const elsewhere = input.priorCodeTills.filter((t) => t !== input.tillId);
    if (input.codeLimit === 1 && elsewhere.length > 0) {
      duplicate = true;
      const tills = [...new Set(elsewhere)].join(', ');
      reasons.push(r('DUPLICATE_CODE', `the single-use code was already redeemed at ${tills}`));
    } else {
      overLimit = true;
      reasons.push(
        r(
          'CODE_LIMIT_REACHED',
          `the code was already redeemed ${priors} of ${input.codeLimit} times`,
        ),
      );
    }
  }
  if (input.customerCap !== null && input.priorCustomerRedemptions >= input.customerCap) {
    overLimit = true;
    reasons.push(
      r(
        'CUSTOMER_LIMIT_REACHED',
        `the customer had already redeemed it ${input.priorCustomerRedemptions} of ${input.customerCap} times`,
      ),
    );
  }

  const spendsUnit = input.leaseRequired && input.leaseValid;
  // Sold within a lease valid at the time: never over the limit by the till's doing.
  const goodFaith = input.leaseRequired && !input.leaseValid && input.leaseReclaimed === true;
  if (goodFaith) {
    const committed = input.seriesRedeemed + input.seriesOutstanding;
    reasons.push(
      r(
        'LEASE_RECLAIMED',
        `the till redeemed within its offline allowance, valid at the time, but reported after the hub had taken the unit back${
          input.seriesLimit !== null && committed + 1 > input.seriesLimit
            ? `; the offer's ${input.seriesLimit} redemptions were already redeemed or granted (${input.seriesRedeemed} redeemed, ${input.seriesOutstanding} granted), so this one is past the limit`
            : ''
        }`,
      ),
    );
  }
  if (input.seriesLimit !== null && !spendsUnit && !goodFaith) {
    const committed = input.seriesRedeemed + input.seriesOutstanding;
    if (committed + 1 > input.seriesLimit) {
      overLimit = true;
      reasons.push(
        r(
          'SERIES_LIMIT_REACHED',
          `the offer's ${input.seriesLimit} redemptions were already redeemed or granted to tills (${input.seriesRedeemed} redeemed, ${input.seriesOutstanding} granted)`,
        ),
      );
    }
  }
  const overdraft = input.leaseRequired && !input.leaseValid && !goodFaith;
  if (overdraft) {
    reasons.push(
      r(
        'LEASE_OVERDRAFT',
        'the till redeemed offline without a valid unit of its offline allowance',
      ),
    );
  }

  const classification: Classification = revokedOrExpired
    ? 'revoked_or_expired'
    : duplicate
      ? 'duplicate_code'
      : overLimit
        ? 'over_limit'
        : goodFaith
          ? 'lease_reclaimed'
          : overdraft
            ? 'lease_overdraft'
            : 'accepted';
  return { classification, reasons };
};

/** What each verdict means for back office (shown with reconciliation items and in docs). */
export const classificationMeaning: Record<Classification, string> = {
  accepted: 'Within every rule and limit; nothing to do.',
  duplicate_code:
    'A single-use code was redeemed at two tills while at least one was offline; the customer got a second discount.',
  over_limit:
    'A code, customer or offer limit was exceeded by redemptions made offline; more discount was given than the offer allows.',
  revoked_or_expired:
    'The coupon had been revoked, or the coupon or offer had expired, when the till redeemed it.',
  lease_overdraft:
    'The till redeemed offline without a valid unit of its offline allowance, though the limit itself still holds.',
  lease_reclaimed:
    'Sold in good faith: the till redeemed within its offline allowance while the lease was valid (by its clock), but reported only after the hub had taken the unit back (reclaim after grace, or a written-off lease); the offer may be one past its limit. Accept and write off; consider leaving reclaim off for this offer.',
  refused:
    'The till says it gave this discount, but the hub could not record it: the till may not redeem this offer, or the hub does not know the coupon. Only a write-off resolves it.',
};
