import { Decimal } from 'decimal.js';
import type { CurrencyRate } from '../domain/org';
import { parseInstant } from './time';

/** Non-negative decimal amounts only; money never travels as a float. */
const moneyPattern = /^\d{1,15}(\.\d{1,10})?$/;

export const parseMoney = (s: string): Decimal | null =>
  typeof s === 'string' && moneyPattern.test(s) ? new Decimal(s) : null;

/** Half-up to 2 places, the way a till prints money. */
export const round2 = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** 2 places when that is exact; more when the input carried more (never silently rounded). */
export const moneyOut = (d: Decimal): string =>
  d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();

export const minOf = (first: Decimal, ...rest: Decimal[]): Decimal =>
  rest.reduce((m, d) => (d.lt(m) ? d : m), first);

/**
 * The rate from → to in effect at `atMs`: the latest one whose effectiveFrom is not after it.
 * An inverse quote (to → from) is used, inverted, when it is the later one.
 */
export const findRate = (
  rates: readonly CurrencyRate[],
  from: string,
  to: string,
  atMs: number,
): Decimal | null => {
  if (from === to) return new Decimal(1);
  let best: { ms: number; rate: Decimal; direct: boolean } | null = null;
  for (const r of rates) {
    const direct = r.from === from && r.to === to;
    const inverse = r.from === to && r.to === from;
    if (!direct && !inverse) continue;
    const eff = parseInstant(r.effectiveFrom);
    const value = parseMoney(r.rate);
    if (eff === null || value === null || value.isZero()) continue;
    const ms = eff.toMillis();
    if (ms > atMs) continue;
    const better = best === null || ms > best.ms || (ms === best.ms && direct && !best.direct);
    if (better) best = { ms, rate: direct ? value : new Decimal(1).div(value), direct };
  }
  return best === null ? null : best.rate;
};

export const convert = (
  amount: Decimal,
  from: string,
  to: string,
  rates: readonly CurrencyRate[],
  atMs: number,
): Decimal | null => {
  const rate = findRate(rates, from, to, atMs);
  return rate === null ? null : amount.mul(rate);
};
