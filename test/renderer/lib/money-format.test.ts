import { describe, expect, it } from 'vitest';
import { currencyLabel, formatDiscount, formatMoney as format } from '#renderer/lib/money-format';

/** Intl puts a no-break space between a code and the number; the tests read words. */
const formatMoney = (...args: Parameters<typeof format>) => format(...args).replace(/\u00a0/g, ' ');

describe('formatMoney', () => {
  it('uses the currency symbol and the locale grouping', () => {
    expect(formatMoney('1499', 'INR', 'en-IN')).toBe('₹1,499.00');
    expect(formatMoney('150000', 'INR', 'en-IN')).toBe('₹1,50,000.00');
    expect(formatMoney('25', 'AED', 'en-AE')).toBe('AED 25.00');
    expect(formatMoney('1499.5', 'INR', 'en-GB')).toBe('₹1,499.50');
  });
  it('keeps exact decimals beyond float precision', () => {
    expect(formatMoney('12345678901234567.05', 'INR', 'en-GB')).toBe('₹12,345,678,901,234,567.05');
  });
  it('shows what it cannot format as given', () => {
    expect(formatMoney(null, 'INR', 'en-IN')).toBe('—');
    expect(formatMoney('12', 'RUPEES', 'en-IN')).toBe('12 RUPEES');
    expect(formatMoney('abc', 'INR', 'en-IN')).toBe('abc INR');
    expect(formatMoney('12', null, 'en-IN')).toBe('12');
  });
  it('negative amounts', () => {
    expect(formatMoney('-25', 'AED', 'en-AE')).toBe('-AED 25.00');
  });
});

describe('formatDiscount', () => {
  it('fixed, percentage, and percentage with a cap', () => {
    const plain = (s: string) => s.replace(/\u00a0/g, ' ');
    expect(formatDiscount({ percent: null, amount: '100.00', currency: 'INR' })).toMatch(
      /100\.00 off$/,
    );
    expect(formatDiscount({ percent: '10', amount: null, currency: null })).toBe('10% off');
    expect(plain(formatDiscount({ percent: '10', amount: '25', currency: 'AED' }))).toMatch(
      /^10% up to AED 25\.00$/,
    );
  });
});

describe('currencyLabel', () => {
  it('names the code and, where it differs, the symbol', () => {
    expect(currencyLabel('INR', 'en-IN')).toBe('INR, ₹');
    expect(currencyLabel('aed', 'en-AE')).toBe('AED');
    expect(currencyLabel(null)).toBe('');
  });
});
