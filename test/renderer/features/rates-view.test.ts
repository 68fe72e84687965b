import { describe, expect, it } from 'vitest';
import {
  rateKey,
  ratesInEffect,
  rateSentence,
  sortRates,
} from '#renderer/features/rates/rates-view';

const r = (from: string, to: string, rate: string, effectiveFrom: string) => ({
  from,
  to,
  rate,
  effectiveFrom,
});

describe('exchange rates screen', () => {
  const rates = [
    r('USD', 'INR', '82.50', '2025-01-01T00:00:00Z'),
    r('USD', 'INR', '83.10', '2025-03-01T00:00:00Z'),
    r('USD', 'INR', '84.00', '2025-09-01T00:00:00Z'),
    r('EUR', 'INR', '90.00', '2025-02-01T00:00:00Z'),
  ];

  it('marks the latest rate of each pair that has taken effect as the one in use', () => {
    const used = ratesInEffect(rates, '2025-06-01T00:00:00Z');
    expect([...used].sort()).toEqual([rateKey(rates[1]!), rateKey(rates[3]!)].sort());
    // Before any rate of a pair starts, none of it is in use.
    expect(ratesInEffect(rates, '2024-12-31T23:59:59Z').size).toBe(0);
  });

  it('reads a rate as a sentence and lists pairs together, newest first', () => {
    expect(rateSentence(rates[0]!)).toBe('1 USD = 82.50 INR');
    expect(sortRates(rates).map((x) => `${x.from}${x.rate}`)).toEqual([
      'EUR90.00',
      'USD84.00',
      'USD83.10',
      'USD82.50',
    ]);
  });
});
