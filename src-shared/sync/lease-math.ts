/**
 * Escrow of a series limit: the hub lends each till units it may redeem offline.
 * The invariant the hub keeps, under the offer's row lock, is
 *
 *     redeemed + outstanding ≤ limit
 *
 * where `redeemed` counts live redemptions (online, and offline ones once pushed) and
 * `outstanding` counts units granted to tills and not yet spent, returned or expired. A unit
 * spent offline moves from outstanding to redeemed when its fact arrives, so the sum never
 * grows past the limit and a capped offer is never over-redeemed, online or off.
 * See docs/architecture.md, "Leases".
 */
export type LeaseBook = {
  limit: number;
  /** Live redemptions counted against the limit. */
  redeemed: number;
  /** Granted, unspent units over all active leases. */
  outstanding: number;
};

export type GrantRequest = {
  /** Units the till asks for. */
  want: number;
  /** Unspent units this till already holds for the offer. */
  tillOutstanding: number;
  /** Tills that share the offer (at least 1): no till may hoard more than its fair share. */
  sharers: number;
};

/** Units nobody holds: what online redemptions and new grants may still use. */
export const unitsAvailable = (book: LeaseBook): number =>
  Math.max(0, book.limit - book.redeemed - book.outstanding);

/**
 * The fair share of one till: the units not yet redeemed split evenly over the tills sharing
 * the offer, at least one while anything is left (so a small limit is still usable offline).
 */
export const fairShare = (book: LeaseBook, sharers: number): number => {
  const left = Math.max(0, book.limit - book.redeemed);
  if (left === 0) return 0;
  return Math.max(1, Math.floor(left / Math.max(1, sharers)));
};

/** How many units to grant: never more than asked, than this till's share, or than is free. */
export const grantSize = (book: LeaseBook, request: GrantRequest): number => {
  const want = Math.max(0, Math.floor(request.want));
  const headroom = fairShare(book, request.sharers) - request.tillOutstanding;
  return Math.max(0, Math.min(want, headroom, unitsAvailable(book)));
};

/** True while the escrow promise holds. */
export const leaseInvariantHolds = (book: LeaseBook): boolean =>
  book.redeemed >= 0 && book.outstanding >= 0 && book.redeemed + book.outstanding <= book.limit;

/**
 * A till tops up when what is left of its allowance falls to a quarter of what it last asked
 * for (and is never below one redemption's worth while online).
 */
export const needsTopUp = (remaining: number, target: number): boolean =>
  remaining <= Math.max(1, Math.floor(target / 4));
