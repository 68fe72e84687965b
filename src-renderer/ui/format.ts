import { displayLocale } from '../lib/display-locale';

/**
 * Display helpers for counts and rates. Dates and times go through lib/time-format, money
 * through lib/money-format: one format each, in the zone and currency the value belongs to.
 */
// One formatter per locale for every count (toLocaleString would set one up per table cell).
const counts = new Map<string, Intl.NumberFormat>();
export const formatCount = (n: number): string => {
  const locale = displayLocale();
  let f = counts.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    counts.set(locale, f);
  }
  return f.format(n);
};

/** Rates arrive as 0…1; shown as a percentage with one decimal. */
export const formatRate = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
