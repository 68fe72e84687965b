import type { Coupon, PastIssuance, PastRedemption } from '#shared/domain/coupon';
import type { Customer } from '#shared/domain/customer';
import { offerInput, type Offer, type OfferInput } from '#shared/domain/offer';
import type { StoreContext } from '#shared/domain/org';
import type { RedemptionFacts, RedemptionRequest } from '#shared/engine/types';

/** Builders with the schema's defaults applied, so tests state only what they are about. */

type RedemptionIn = NonNullable<OfferInput['redemption']>;
type IssuanceIn = NonNullable<OfferInput['issuance']>;

export type OfferOverrides = Partial<Omit<OfferInput, 'redemption' | 'issuance'>> & {
  redemption?: Partial<RedemptionIn>;
  issuance?: Partial<IssuanceIn>;
  id?: string;
  claim?: Offer['claim'];
  createdAt?: string;
};

export const makeOffer = (o: OfferOverrides = {}): Offer => {
  const { id, claim, createdAt, ...input } = o;
  const config = offerInput.parse({
    name: 'Winter sale',
    expiry: { type: 'FIXED_DATE', endsAt: '2030-12-31T23:59:59.999+05:30' },
    discount: { type: 'FIXED', amount: '100', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    ...input,
  });
  return {
    ...config,
    id: id ?? 'offer-1',
    offerCode: config.offerCode ?? 'WINTER',
    fixedPart: null,
    claim: claim ?? null,
    createdAt: createdAt ?? '2024-01-01T00:00:00Z',
    modifiedAt: createdAt ?? '2024-01-01T00:00:00Z',
    version: 1,
  };
};

export const makeCustomer = (id: string, o: Partial<Customer> = {}): Customer => ({
  id,
  userId: null,
  email: null,
  mobile: null,
  externalId: null,
  name: `Customer ${id}`,
  registeredAt: '2023-01-01T00:00:00Z',
  transactionCount: 10,
  homeStoreId: null,
  ...o,
});

export const makeCoupon = (o: Partial<Coupon> = {}): Coupon => ({
  id: 'coupon-1',
  offerId: 'offer-1',
  code: 'ABC12345',
  customerId: 'cust-A',
  state: 'ACTIVE',
  issuedAt: '2024-11-01T10:00:00Z',
  expiresAt: null,
  redemptionCount: 0,
  revokedAt: null,
  isReversed: false,
  lastStatusChangeOn: '2024-11-01T10:00:00Z',
  createdAt: '2024-10-01T10:00:00Z',
  ...o,
});

export const kolkataStore: StoreContext = {
  tillId: 'till-1',
  storeId: 'store-1',
  zoneId: 'zone-1',
  conceptId: 'concept-1',
  timeZone: 'Asia/Kolkata',
  currency: 'INR',
};

export const makeRequest = (o: Partial<RedemptionRequest> = {}): RedemptionRequest => ({
  at: '2024-11-12T12:00:00+05:30',
  store: kolkataStore,
  billAmount: '1000.00',
  currency: 'INR',
  items: [],
  code: 'ABC12345',
  ...o,
});

let seq = 0;
export const pastRedemption = (o: Partial<PastRedemption> = {}): PastRedemption => {
  seq += 1;
  return {
    id: `red-${seq}`,
    couponId: 'coupon-1',
    code: 'ABC12345',
    customerId: 'cust-A',
    redeemedAt: '2024-11-05T10:00:00Z',
    reversed: false,
    ...o,
  };
};

export const pastIssuance = (o: Partial<PastIssuance> = {}): PastIssuance => {
  seq += 1;
  return {
    offerId: 'offer-1',
    customerId: 'cust-A',
    couponId: `coupon-${seq}`,
    code: `CODE${seq}`,
    issuedAt: '2024-11-01T10:00:00Z',
    stillValid: true,
    ...o,
  };
};

export const makeFacts = (o: Partial<RedemptionFacts> = {}): RedemptionFacts => ({
  offer: makeOffer(),
  coupon: makeCoupon(),
  customer: makeCustomer('cust-A'),
  codeRedemptions: [],
  customerOfferRedemptions: [],
  seriesRedemptionCount: 0,
  rates: [],
  ...o,
});

export const codesOf = (r: { ok: boolean; reasons?: { code: string }[] }): string[] =>
  r.ok ? [] : (r.reasons ?? []).map((x) => x.code).sort();
