import type { CurrencyRate } from '#shared/domain/org';

/** A rate as it is read out: "1 USD = 83.12 INR". */
export const rateSentence = (r: Pick<CurrencyRate, 'from' | 'to' | 'rate'>): string =>
  `1 ${r.from} = ${r.rate} ${r.to}`;

/**
 * Which rate of its pair a bill made at `nowIso` converts with: the latest that has taken
 * effect (the engine's findRate picks the same). Keyed "FROM/TO/effectiveFrom".
 */
export function ratesInEffect(rates: readonly CurrencyRate[], nowIso: string): Set<string> {
  const now = Date.parse(nowIso);
  const best = new Map<string, CurrencyRate>();
  for (const r of rates) {
    const at = Date.parse(r.effectiveFrom);
    if (at > now) continue;
    const pair = `${r.from}/${r.to}`;
    const held = best.get(pair);
    if (!held || Date.parse(held.effectiveFrom) < at) best.set(pair, r);
  }
  return new Set([...best.values()].map(rateKey));
}

export const rateKey = (r: CurrencyRate): string => `${r.from}/${r.to}/${r.effectiveFrom}`;

/** Newest first within each pair, pairs in alphabetical order. */
export const sortRates = (rates: readonly CurrencyRate[]): CurrencyRate[] =>
  [...rates].sort(
    (a, b) =>
      `${a.from}/${a.to}`.localeCompare(`${b.from}/${b.to}`) ||
      Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom),
  );
