import { describe, expect, it } from 'vitest';
import type { CurrencyRate } from '#shared/domain/org';
import { computeDiscount } from '../../../src-shared/engine';
import type { BasketItem, DiscountRequest } from '#shared/engine/types';
import { codesOf, makeOffer } from './fixtures';

const at = '2024-11-12T12:00:00+05:30';
const req = (o: Partial<DiscountRequest> = {}): DiscountRequest => ({
  billAmount: '1000.00',
  currency: 'INR',
  items: [],
  at,
  ...o,
});
const percent = (p: string, maxDiscount: string | null = null, cur: string | null = null) =>
  makeOffer({
    discount: { type: 'PERCENT', percent: p, maxDiscount, maxDiscountCurrency: cur },
  });
const item = (o: Partial<BasketItem> & { sku: string; price: string }): BasketItem => ({
  qty: 1,
  ...o,
});
const usdInr: CurrencyRate[] = [
  { from: 'USD', to: 'INR', rate: '80', effectiveFrom: '2024-01-01T00:00:00Z' },
  { from: 'USD', to: 'INR', rate: '83.5', effectiveFrom: '2024-11-01T00:00:00Z' },
  { from: 'USD', to: 'INR', rate: '90', effectiveFrom: '2024-12-01T00:00:00Z' },
];

describe('computeDiscount', () => {
  it('gives a fixed amount on the whole bill', () => {
    const r = computeDiscount(makeOffer(), req(), [], 'INR');
    expect(r).toEqual({
      ok: true,
      value: { amount: '100.00', currency: 'INR', eligibleAmount: '1000.00', capped: false },
    });
  });

  it('never gives more than the bill', () => {
    const r = computeDiscount(makeOffer(), req({ billAmount: '60.5' }), [], 'INR');
    expect(r.ok && r.value.amount).toBe('60.50');
  });

  it('takes a percentage of the eligible amount, rounded half-up to 2 places', () => {
    const r = computeDiscount(percent('12.5'), req({ billAmount: '100.10' }), [], 'INR');
    // 12.5% of 100.10 = 12.5125 → 12.51
    expect(r.ok && r.value.amount).toBe('12.51');
    const up = computeDiscount(percent('10'), req({ billAmount: '0.25' }), [], 'INR');
    // 0.025 → 0.03 (half-up, not banker's rounding)
    expect(up.ok && up.value.amount).toBe('0.03');
  });

  it('caps a percentage at the max discount and says so', () => {
    const r = computeDiscount(percent('50', '200'), req(), [], 'INR');
    expect(r.ok && r.value).toMatchObject({ amount: '200.00', capped: true });
    const under = computeDiscount(percent('10', '200'), req(), [], 'INR');
    expect(under.ok && under.value).toMatchObject({ amount: '100.00', capped: false });
  });

  it('converts a cap in another currency at the rate in effect', () => {
    const r = computeDiscount(percent('50', '2', 'USD'), req(), usdInr, 'INR');
    expect(r.ok && r.value).toMatchObject({ amount: '167.00', capped: true });
  });

  it('converts a fixed amount in another currency with the latest rate effective at the time', () => {
    const offer = makeOffer({ discount: { type: 'FIXED', amount: '2', currency: 'USD' } });
    const nov = computeDiscount(offer, req(), usdInr, 'INR');
    expect(nov.ok && nov.value.amount).toBe('167.00');
    const oct = computeDiscount(offer, req({ at: '2024-10-15T12:00:00Z' }), usdInr, 'INR');
    expect(oct.ok && oct.value.amount).toBe('160.00');
  });

  it('uses an inverse quote when only that exists', () => {
    const offer = makeOffer({ discount: { type: 'FIXED', amount: '1000', currency: 'INR' } });
    const rates: CurrencyRate[] = [
      { from: 'USD', to: 'INR', rate: '80', effectiveFrom: '2024-01-01T00:00:00Z' },
    ];
    const r = computeDiscount(offer, req({ currency: 'USD', billAmount: '100' }), rates, 'INR');
    expect(r.ok && r.value).toMatchObject({ amount: '12.50', currency: 'USD' });
  });

  it('fails NO_EXCHANGE_RATE when no rate is in effect yet', () => {
    const offer = makeOffer({ discount: { type: 'FIXED', amount: '2', currency: 'USD' } });
    const r = computeDiscount(offer, req({ at: '2023-06-01T00:00:00Z' }), usdInr, 'INR');
    expect(codesOf(r)).toEqual(['NO_EXCHANGE_RATE']);
    expect(r.ok ? '' : r.reasons[0]?.message).toMatch(/USD to INR/);
    const cap = computeDiscount(percent('10', '5', 'EUR'), req(), usdInr, 'INR');
    expect(codesOf(cap)).toEqual(['NO_EXCHANGE_RATE']);
  });

  it('uses the store currency when the request names none', () => {
    const r = computeDiscount(makeOffer(), req({ currency: '' }), [], 'INR');
    expect(r.ok && r.value.currency).toBe('INR');
  });

  describe('applicability', () => {
    const basket: BasketItem[] = [
      item({ sku: 'S1', price: '100', qty: 2, category: 'shoes', brand: 'Acme' }),
      item({ sku: 'S2', price: '50', category: 'socks', brand: 'Zed' }),
      item({ sku: 'S3', price: '30', attributes: { colour: 'red' } }),
      item({ sku: 'S4', price: '400', category: 'shoes', onSale: true }),
    ];
    const selected = (s: {
      categories?: string[];
      brands?: string[];
      attributes?: { name: string; value: string }[];
      skus?: string[];
    }) => ({ scope: 'SELECTED' as const, ...s });

    it('ALL scope prices every non-sale item', () => {
      const r = computeDiscount(percent('10'), req({ items: basket }), [], 'INR');
      expect(r.ok && r.value).toMatchObject({ eligibleAmount: '280.00', amount: '28.00' });
    });

    it('includes sale items only when applicableOnSale', () => {
      const offer = makeOffer({
        discount: { type: 'PERCENT', percent: '10' },
        applicableOnSale: true,
      });
      const r = computeDiscount(offer, req({ items: basket }), [], 'INR');
      expect(r.ok && r.value.eligibleAmount).toBe('680.00');
    });

    it.each([
      ['category', selected({ categories: ['shoes'] }), '200.00'],
      ['brand', selected({ brands: ['Zed'] }), '50.00'],
      ['attribute', selected({ attributes: [{ name: 'colour', value: 'red' }] }), '30.00'],
      ['sku', selected({ skus: ['S2', 'S3'] }), '80.00'],
      ['any of several', selected({ categories: ['socks'], skus: ['S3'] }), '80.00'],
    ])('SELECTED by %s', (_label, applicability, eligible) => {
      const offer = makeOffer({ discount: { type: 'PERCENT', percent: '10' }, applicability });
      const r = computeDiscount(offer, req({ items: basket }), [], 'INR');
      expect(r.ok && r.value.eligibleAmount).toBe(eligible);
    });

    it('does not match an attribute with another value', () => {
      const offer = makeOffer({
        applicability: selected({ attributes: [{ name: 'colour', value: 'blue' }] }),
      });
      const r = computeDiscount(offer, req({ items: basket }), [], 'INR');
      expect(codesOf(r)).toEqual(['NO_ELIGIBLE_ITEMS']);
    });

    it('a fixed discount never exceeds the eligible amount', () => {
      const offer = makeOffer({ applicability: selected({ brands: ['Zed'] }) });
      const r = computeDiscount(offer, req({ items: basket }), [], 'INR');
      expect(r.ok && r.value.amount).toBe('50.00');
    });

    it('whole bill is eligible for ALL scope when no items are given', () => {
      const r = computeDiscount(percent('10'), req({ items: [] }), [], 'INR');
      expect(r.ok && r.value.eligibleAmount).toBe('1000.00');
    });

    it('SELECTED scope without items fails ITEMS_REQUIRED', () => {
      const offer = makeOffer({ applicability: selected({ brands: ['Zed'] }) });
      expect(codesOf(computeDiscount(offer, req(), [], 'INR'))).toEqual(['ITEMS_REQUIRED']);
    });

    it('eligible amount is never more than the bill', () => {
      const r = computeDiscount(
        percent('10'),
        req({ items: basket, billAmount: '150' }),
        [],
        'INR',
      );
      expect(r.ok && r.value).toMatchObject({ eligibleAmount: '150.00', amount: '15.00' });
    });
  });

  it('reports every bad input at once', () => {
    const r = computeDiscount(
      makeOffer(),
      req({ billAmount: '-5', at: 'yesterday', items: [item({ sku: 'X', price: 'abc' })] }),
      [],
      'INR',
    );
    expect(codesOf(r)).toEqual(['INVALID_AMOUNT', 'INVALID_TIME']);
    const bad = computeDiscount(
      makeOffer(),
      req({ items: [item({ sku: 'X', price: 'abc' })] }),
      [],
      'INR',
    );
    expect(codesOf(bad)).toEqual(['INVALID_ITEM']);
    expect(bad.ok ? '' : bad.reasons[0]?.message).toMatch(/line 1 .*SKU "X"/);
  });
});
