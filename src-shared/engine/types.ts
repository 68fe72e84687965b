import type { Coupon, PastIssuance, PastRedemption } from '../domain/coupon';
import type { Customer } from '../domain/customer';
import type { Offer } from '../domain/offer';
import type { CurrencyRate, StoreContext } from '../domain/org';

/** One basket line. Prices are decimal strings in the transaction currency. */
export type BasketItem = {
  sku: string;
  category?: string;
  brand?: string;
  attributes?: Record<string, string>;
  price: string;
  qty: number;
  onSale?: boolean;
};

/** What a till asks: may this code give a discount on this bill, now, here? */
export type RedemptionRequest = {
  at: string;
  store: StoreContext;
  billAmount: string;
  /** Transaction currency; defaults to the store's. */
  currency: string;
  items: BasketItem[];
  /** The code as presented, for messages only (the facts say whether it is known). */
  code?: string;
};

/** The part of a redemption request the discount arithmetic needs. */
export type DiscountRequest = Pick<RedemptionRequest, 'billAmount' | 'currency' | 'items' | 'at'>;

/** Everything the redemption rules need to know, loaded by the service in one go. */
export type RedemptionFacts = {
  offer: Offer;
  /** Null when the code is not known in this offer. */
  coupon: Coupon | null;
  /** The customer presenting the code, when identified. */
  customer: Customer | null;
  /**
   * Live (not reversed) redemptions counted against the code limit: this coupon's, or, for a
   * common code anyone may redeem, the code's across the offer (codeLimitCountsWholeOffer).
   */
  codeRedemptions: PastRedemption[];
  /** Live redemptions in this offer by the presenting customer (any code), for gaps and caps. */
  customerOfferRedemptions: PastRedemption[];
  /** Live redemptions in the whole offer. */
  seriesRedemptionCount: number;
  rates: CurrencyRate[];
};

export type DiscountResult = {
  /** Discount in the transaction currency, decimal string with 2 places. */
  amount: string;
  currency: string;
  /** The part of the bill the discount applied to. */
  eligibleAmount: string;
  /** True when a max-discount cap reduced it. */
  capped: boolean;
};

export type IssuanceFacts = {
  offer: Offer;
  /** Issuance rules read only who the customer is (bulk uploads look up nothing else). */
  customer: Pick<Customer, 'id'>;
  at: string;
  /** The org's/store's time zone for day arithmetic. */
  timeZone: string;
  /** This customer's live issuances in this offer. */
  customerIssuances: PastIssuance[];
  /** Issued coupons in the whole offer. */
  offerIssuedCount: number;
  /** This customer's issuances of the offers listed in restrictPastIssualsOfOfferIds. */
  restrictedIssuances: PastIssuance[];
  /**
   * Whether the customer is on the offer's customer list (offer_audience); read only when the
   * offer issues to specific customers only.
   */
  inAudience: boolean;
};

export type IssuanceDecision =
  | { action: 'ISSUE'; expiresAt: string | null; thresholdReached: boolean }
  | { action: 'SEND_EXISTING'; couponId: string };

export type OfferStatus = 'NOT_STARTED' | 'ACTIVE' | 'EXPIRED';

/** A successful claim: `alreadyClaimed` when the same consumer claims again (idempotent). */
export type ClaimDecision = { alreadyClaimed: boolean };
