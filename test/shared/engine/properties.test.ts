import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CurrencyRate } from '#shared/domain/org';
import { checkRedemption, computeDiscount } from '../../../src-shared/engine';
import type { BasketItem } from '#shared/engine/types';
import {
  codesOf,
  makeCoupon,
  makeCustomer,
  makeFacts,
  makeOffer,
  makeRequest,
  pastRedemption,
} from './fixtures';

const rates: CurrencyRate[] = [
  { from: 'USD', to: 'INR', rate: '83.4567', effectiveFrom: '2024-01-01T00:00:00Z' },
];
const toInr = (amount: string, currency: string): Decimal =>
  new Decimal(amount).mul(currency === 'USD' ? '83.4567' : '1');

/** Amounts with 0–4 decimals, as tills and uploads produce them. */
const money = fc
  .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, dp]) => new Decimal(n).div(new Decimal(10).pow(dp)).toFixed(dp));
const currency = fc.constantFrom('INR', 'USD');
const pool = ['a', 'b', 'c'];

const item: fc.Arbitrary<BasketItem> = fc.record({
  sku: fc.constantFrom('S1', 'S2', 'S3'),
  category: fc.option(fc.constantFrom(...pool), { nil: undefined }),
  brand: fc.option(fc.constantFrom(...pool), { nil: undefined }),
  price: money,
  qty: fc.integer({ min: 1, max: 5 }),
  attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'blue') }), {
    nil: undefined,
  }),
  onSale: fc.boolean(),
});

const discount = fc.oneof(
  fc.record({ type: fc.constant('FIXED' as const), amount: money, currency }),
  fc.record({
    type: fc.constant('PERCENT' as const),
    percent: fc.integer({ min: 1, max: 10_000 }).map((n) => new Decimal(n).div(100).toFixed(2)),
    maxDiscount: fc.option(money, { nil: null }),
    maxDiscountCurrency: fc.option(currency, { nil: null }),
  }),
);
const applicability = fc.oneof(
  fc.constant({ scope: 'ALL' as const }),
  fc.record({
    scope: fc.constant('SELECTED' as const),
    categories: fc.subarray(pool),
    brands: fc.subarray(pool),
    attributes: fc.subarray([{ name: 'colour', value: 'red' }]),
    skus: fc.subarray(['S1', 'S2']),
  }),
);

describe('property: the discount', () => {
  it('is never negative and never exceeds the bill, the cap or the eligible amount', () => {
    fc.assert(
      fc.property(
        discount,
        applicability,
        fc.boolean(),
        fc.array(item, { maxLength: 6 }),
        money,
        (d, scope, onSale, items, bill) => {
          const offer = makeOffer({ discount: d, applicability: scope, applicableOnSale: onSale });
          const r = computeDiscount(
            offer,
            { billAmount: bill, currency: 'INR', items, at: '2024-11-12T10:00:00Z' },
            rates,
            'INR',
          );
          // An independent model of what may be discounted.
          const eligibleItems = items.filter(
            (i) =>
              (onSale || !i.onSale) &&
              (scope.scope === 'ALL' ||
                scope.skus.includes(i.sku) ||
                (i.category !== undefined && scope.categories.includes(i.category)) ||
                (i.brand !== undefined && scope.brands.includes(i.brand)) ||
                (scope.attributes.length > 0 && i.attributes?.colour === 'red')),
          );
          if (!r.ok) {
            const expected = items.length === 0 ? 'ITEMS_REQUIRED' : 'NO_ELIGIBLE_ITEMS';
            expect(codesOf(r)).toEqual([expected]);
            if (items.length > 0) expect(eligibleItems).toHaveLength(0);
            return;
          }
          const amount = new Decimal(r.value.amount);
          const eligible =
            items.length === 0
              ? new Decimal(bill)
              : Decimal.min(
                  new Decimal(bill),
                  eligibleItems.reduce(
                    (s, i) => s.add(new Decimal(i.price).mul(i.qty)),
                    new Decimal(0),
                  ),
                );
          expect(new Decimal(r.value.eligibleAmount).eq(eligible)).toBe(true);
          expect(amount.gte(0)).toBe(true);
          expect(amount.lte(bill)).toBe(true);
          expect(amount.lte(eligible)).toBe(true);
          expect(amount.decimalPlaces()).toBeLessThanOrEqual(2);
          if (d.type === 'PERCENT' && d.maxDiscount !== null) {
            expect(amount.lte(toInr(d.maxDiscount, d.maxDiscountCurrency ?? 'INR'))).toBe(true);
          }
          if (d.type === 'FIXED') {
            expect(
              amount.lte(toInr(d.amount, d.currency).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
            ).toBe(true);
          }
        },
      ),
    );
  });
});

describe('property: limits', () => {
  const limit = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
  it('checkRedemption is never ok once a configured limit is reached, and ok otherwise', () => {
    fc.assert(
      fc.property(
        fc.record({
          allowAnyone: fc.boolean(),
          moreThanOnce: fc.boolean(),
          codeLimit: limit,
          customerLimit: limit,
          seriesLimit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 3 }),
        (cfg, mine, others, elsewhere, reversed) => {
          const offer = makeOffer({ redemption: cfg });
          const uses = [
            ...Array.from({ length: mine }, () => pastRedemption({ customerId: 'cust-A' })),
            ...Array.from({ length: others }, () => pastRedemption({ customerId: 'cust-Z' })),
            // Reversed redemptions must never count.
            ...Array.from({ length: reversed }, () => pastRedemption({ reversed: true })),
          ];
          const facts = makeFacts({
            offer,
            codeRedemptions: uses,
            customerOfferRedemptions: uses.filter((u) => u.customerId === 'cust-A'),
            seriesRedemptionCount: mine + others + elsewhere,
          });
          const r = checkRedemption(facts, makeRequest());
          const cap = cfg.moreThanOnce ? cfg.customerLimit : 1;
          const expected: string[] = [];
          const codeCap = cfg.allowAnyone
            ? cfg.codeLimit
            : Math.min(cfg.codeLimit ?? Infinity, cap ?? Infinity);
          if (codeCap !== null && mine + others >= codeCap) expected.push('CODE_LIMIT_REACHED');
          if (cap !== null && mine >= cap) expected.push('CUSTOMER_LIMIT_REACHED');
          if (cfg.seriesLimit !== null && mine + others + elsewhere >= cfg.seriesLimit) {
            expected.push('SERIES_LIMIT_REACHED');
          }
          if (
            (cfg.codeLimit !== null && mine + others >= cfg.codeLimit) ||
            (cfg.customerLimit !== null && mine >= cfg.customerLimit)
          ) {
            expect(r.ok).toBe(false);
          }
          expect(codesOf(r)).toEqual(expected.sort());
        },
      ),
    );
  });
});

describe('property: every failure lists all applicable reasons', () => {
  // 2024-11-12 12:00 in Kolkata: a Tuesday, the 12th, noon.
  it('each independently broken rule shows up, and only those', () => {
    fc.assert(
      fc.property(
        fc.record({
          COUPON_REVOKED: fc.boolean(),
          COUPON_EXPIRED: fc.boolean(),
          OFFER_EXPIRED: fc.boolean(),
          NOT_RECIPIENT: fc.boolean(),
          STORE_NOT_ALLOWED: fc.boolean(),
          BILL_BELOW_MINIMUM: fc.boolean(),
          BILL_ABOVE_MAXIMUM: fc.boolean(),
          DAY_NOT_ALLOWED: fc.boolean(),
          DATE_NOT_ALLOWED: fc.boolean(),
          HOUR_NOT_ALLOWED: fc.boolean(),
          SERIES_LIMIT_REACHED: fc.boolean(),
          REDEMPTION_GAP_NOT_MET: fc.boolean(),
          NOT_A_NEW_CUSTOMER: fc.boolean(),
          REDEMPTION_NOT_STARTED: fc.boolean(),
          ITEMS_REQUIRED: fc.boolean(),
        }),
        (broken) => {
          const offer = makeOffer({
            expiry: {
              type: 'FIXED_DATE',
              endsAt: broken.OFFER_EXPIRED ? '2024-11-01T00:00:00Z' : '2030-01-01T00:00:00Z',
            },
            applicability: broken.ITEMS_REQUIRED
              ? { scope: 'SELECTED', brands: ['Acme'] }
              : { scope: 'ALL' },
            redemption: {
              stores: broken.STORE_NOT_ALLOWED ? [{ type: 'STORE', id: 'elsewhere' }] : [],
              minBill: broken.BILL_BELOW_MINIMUM ? '5000' : null,
              maxBill: broken.BILL_ABOVE_MAXIMUM ? '500' : null,
              daysOfWeek: broken.DAY_NOT_ALLOWED ? [6, 7] : [],
              daysOfMonth: broken.DATE_NOT_ALLOWED ? [1, 31] : [],
              hours: broken.HOUR_NOT_ALLOWED ? [{ from: '18:00', to: '21:00' }] : [],
              seriesLimit: 50,
              minGapDays: 3,
              newCustomers: { registeredFrom: null, registeredTo: null, maxTransactions: 10 },
              start: broken.REDEMPTION_NOT_STARTED
                ? { type: 'FROM_DATE', date: '2024-11-13' }
                : { type: 'AFTER_ISSUE' },
            },
          });
          const facts = makeFacts({
            offer,
            coupon: makeCoupon({
              state: broken.COUPON_REVOKED ? 'REVOKED' : 'ACTIVE',
              expiresAt: broken.COUPON_EXPIRED ? '2024-11-10T00:00:00Z' : null,
            }),
            customer: makeCustomer(broken.NOT_RECIPIENT ? 'cust-B' : 'cust-A', {
              transactionCount: broken.NOT_A_NEW_CUSTOMER ? 11 : 10,
            }),
            seriesRedemptionCount: broken.SERIES_LIMIT_REACHED ? 50 : 49,
            customerOfferRedemptions: [
              pastRedemption({
                code: 'ANOTHER',
                redeemedAt: broken.REDEMPTION_GAP_NOT_MET
                  ? '2024-11-10T10:00:00Z'
                  : '2024-11-09T10:00:00Z',
              }),
            ],
          });
          const r = checkRedemption(facts, makeRequest());
          const expected = Object.entries(broken)
            .filter(([, on]) => on)
            .map(([code]) => code)
            .sort();
          expect(codesOf(r)).toEqual(expected);
          expect(r.ok).toBe(expected.length === 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
