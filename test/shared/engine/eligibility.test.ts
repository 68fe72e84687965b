import { describe, expect, it } from 'vitest';
import { isItemEligible, matchesApplicability } from '#shared/engine/eligibility';
import type { BasketItem } from '#shared/engine/types';
import { makeOffer } from './fixtures';

const line = (o: Partial<BasketItem> = {}): BasketItem => ({
  sku: 'SKU-1',
  price: '100.00',
  qty: 1,
  ...o,
});
const selected = (s: {
  categories?: string[];
  brands?: string[];
  attributes?: { name: string; value: string }[];
  skus?: string[];
}) => ({ scope: 'SELECTED' as const, categories: [], brands: [], attributes: [], skus: [], ...s });

describe('which basket lines an offer applies to', () => {
  // docs/rules.md, "Which basket lines an offer applies to": the sale toggle and the product
  // selection combine as AND; the toggle never adds products outside the selection.
  const shoes = selected({ categories: ['shoes'] });
  it.each([
    // scope, applicableOnSale, the line, eligible?
    ['all products', { scope: 'ALL' as const }, false, line(), true],
    ['all products', { scope: 'ALL' as const }, false, line({ onSale: true }), false],
    ['all products', { scope: 'ALL' as const }, true, line({ onSale: true }), true],
    ['shoes only', shoes, false, line({ category: 'shoes' }), true],
    ['shoes only', shoes, false, line({ category: 'shoes', onSale: true }), false],
    ['shoes only', shoes, true, line({ category: 'shoes', onSale: true }), true],
    ['shoes only', shoes, true, line({ category: 'socks', onSale: true }), false],
    ['shoes only', shoes, true, line({ category: 'socks' }), false],
  ])('%s, sale items %s: %o → %s', (_label, applicability, onSale, item, eligible) => {
    const offer = makeOffer({ applicability, applicableOnSale: onSale });
    expect(isItemEligible(offer, item)).toBe(eligible);
  });

  it('matches a line by its attributes, names and values in any case and spacing', () => {
    const red = selected({ attributes: [{ name: 'colour', value: 'red' }] });
    expect(matchesApplicability(red, line({ attributes: { Colour: ' Red ' } }))).toBe(true);
    expect(matchesApplicability(red, line({ attributes: { size: 'M', colour: 'red' } }))).toBe(
      true,
    );
    expect(matchesApplicability(red, line({ attributes: { colour: 'blue' } }))).toBe(false);
    expect(matchesApplicability(red, line({ attributes: { shade: 'red' } }))).toBe(false);
    expect(matchesApplicability(red, line())).toBe(false);
  });

  it('reads categories and brands in any case, SKUs exactly', () => {
    expect(matchesApplicability(selected({ brands: ['Acme'] }), line({ brand: 'ACME ' }))).toBe(
      true,
    );
    expect(
      matchesApplicability(selected({ categories: ['Shoes'] }), line({ category: 'shoes' })),
    ).toBe(true);
    expect(matchesApplicability(selected({ skus: ['ab-1'] }), line({ sku: 'AB-1' }))).toBe(false);
  });
});
