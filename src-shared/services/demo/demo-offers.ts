import type { OpInput } from '#shared/api/operations';

type OfferIn = OpInput<'offers-create'>;
const DAY = 86_400_000;

/**
 * The demo's offers: every code-generation kind, fixed and percentage discounts in both
 * currencies, and a spread of issuance and redemption rules. Dates are relative to "now".
 * `key` names an offer for the coupon script in seed-demo.ts.
 */
export const demoOffers = (nowMs: number): { key: string; input: OfferIn }[] => {
  const inDays = (d: number) => new Date(nowMs + d * DAY).toISOString();
  return [
    {
      key: 'welcome',
      input: {
        name: 'Welcome 10% up to INR 200',
        offerCode: 'DEMO-WELCOME',
        posIdentifier: 'WEL10',
        metadata: { campaign: 'onboarding' },
        expiry: { type: 'FIXED_DATE', endsAt: inDays(180) },
        discount: {
          type: 'PERCENT',
          percent: '10',
          maxDiscount: '200',
          maxDiscountCurrency: 'INR',
        },
        codeGeneration: {
          method: 'UNIQUE_AUTO',
          length: 8,
          charset: 'ALPHANUMERIC',
          prefix: 'WEL',
        },
        couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 },
        issuance: { maxPerCustomer: 1, totalLimit: 5000, notifyThreshold: 500 },
        redemption: { codeLimit: 1, stores: [{ type: 'CONCEPT', id: 'C-FASHION' }] },
        syncToInStore: { enabled: true, scope: [] },
      },
    },
    {
      key: 'flat500',
      input: {
        name: 'Flat INR 500 off on INR 2999',
        offerCode: 'DEMO-FLAT500',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(45) },
        discount: { type: 'FIXED', amount: '500', currency: 'INR' },
        codeGeneration: { method: 'COMMON', code: 'FLAT500' },
        redemption: {
          allowAnyone: true,
          customerLimit: 1,
          minBill: '2999',
          stores: [{ type: 'ZONE', id: 'Z-NORTH' }],
        },
        syncToInStore: { enabled: true, scope: [{ type: 'ZONE', id: 'Z-NORTH' }] },
        offlinePolicy: { mode: 'UP_TO_BILL', maxBill: '20000' },
      },
    },
    {
      key: 'gulf',
      input: {
        name: 'FreshCart AED 25 weekly basket',
        offerCode: 'DEMO-GULF25',
        expiry: { type: 'WITH_CAMPAIGN', endsAt: null },
        discount: { type: 'FIXED', amount: '25', currency: 'AED' },
        codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'FRESH12345' },
        couponExpiry: { type: 'MONTH_ENDS_FROM_ISSUE', months: 1 },
        issuance: { maxPerCustomer: 3, minGapDays: 7 },
        redemption: {
          codeLimit: 1,
          minBill: '150',
          stores: [{ type: 'CONCEPT', id: 'C-GROCERY' }],
        },
        syncToInStore: { enabled: true, scope: [{ type: 'CONCEPT', id: 'C-GROCERY' }] },
      },
    },
    {
      key: 'partner',
      input: {
        name: 'Partner voucher INR 250 (uploaded codes)',
        offerCode: 'DEMO-PARTNER',
        delivery: 'THIRD_PARTY',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(90) },
        discount: { type: 'FIXED', amount: '250', currency: 'INR' },
        codeGeneration: { method: 'UPLOADED' },
        // Third-party coupons are their recipient's only.
        redemption: { codeLimit: 1 },
      },
    },
    {
      key: 'monsoon',
      input: {
        name: 'Monsoon sale 15% (short coupon life)',
        offerCode: 'DEMO-MONSOON',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(120) },
        discount: { type: 'PERCENT', percent: '15', maxDiscount: null, maxDiscountCurrency: null },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 6, charset: 'NUMERIC', prefix: 'MS' },
        couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 7 },
        redemption: { codeLimit: 1, stores: [{ type: 'ZONE', id: 'Z-SOUTH' }] },
      },
    },
    {
      key: 'gold',
      input: {
        name: 'Gold tier 20% up to INR 1000',
        offerCode: 'DEMO-GOLD20',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(365) },
        discount: {
          type: 'PERCENT',
          percent: '20',
          maxDiscount: '1000',
          maxDiscountCurrency: 'INR',
        },
        applicability: {
          scope: 'SELECTED',
          categories: ['apparel', 'footwear'],
          brands: [],
          attributes: [],
          skus: [],
        },
        applicableOnSale: false,
        codeGeneration: {
          method: 'UNIQUE_AUTO',
          length: 10,
          charset: 'CUSTOM',
          customCharset: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
        },
        issuance: { maxPerCustomer: 2, minGapDays: 30, onRematch: 'SEND_EXISTING' },
        redemption: {
          codeLimit: 2,
          customerLimit: 2,
          moreThanOnce: true,
          seriesLimit: 1000,
          minBill: '1000',
          hours: [{ from: '10:00', to: '22:00' }],
          minGapDays: 1,
        },
      },
    },
    {
      key: 'blr',
      input: {
        name: 'Indiranagar store launch INR 300',
        offerCode: 'DEMO-BLR300',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(20) },
        discount: { type: 'FIXED', amount: '300', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 7, charset: 'ALPHANUMERIC' },
        redemption: {
          codeLimit: 1,
          start: { type: 'DAYS_AFTER_ISSUE', days: 1 },
          stores: [{ type: 'STORE', id: 'S-BLR' }],
          daysOfWeek: [5, 6, 7],
          newCustomers: { registeredFrom: null, registeredTo: null, maxTransactions: 2 },
        },
        syncToInStore: { enabled: true, scope: [{ type: 'STORE', id: 'S-BLR' }] },
      },
    },
    {
      key: 'dxbtill',
      input: {
        name: 'Dubai Mall express till 5%',
        offerCode: 'DEMO-DXB-EXPRESS',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(60) },
        discount: { type: 'PERCENT', percent: '5', maxDiscount: '40', maxDiscountCurrency: 'AED' },
        codeGeneration: { method: 'COMMON', code: 'EXPRESS5' },
        redemption: {
          allowAnyone: true,
          stores: [{ type: 'TILL', id: 'S-DXB-T1' }],
          hours: [{ from: '07:00', to: '11:00' }],
          daysOfMonth: [1, 15],
        },
      },
    },
    {
      key: 'outbound',
      input: {
        name: 'Win-back outbound INR 150',
        offerCode: 'DEMO-WINBACK',
        expiry: { type: 'WITH_CAMPAIGN', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '150', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'NUMERIC' },
        // "Along with the offer" is for fixed-date offers only.
        couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 14 },
        issuance: { specificCustomersOnly: false, restrictPastIssualsOfOfferIds: [] },
        redemption: { codeLimit: 1, seriesLimit: 200 },
      },
    },
  ];
};
