/**
 * The locale dates and money are written in. Browsers and Electron report plain US English
 * when nobody chose anything, which would show an Indian or Emirati org "Jan 31, 2025" and
 * "$"-style grouping. So a viewer's locale is honoured when it names a language or region of
 * its own; the unchosen default is replaced by English of the org's home region (read from the
 * org's currency), and US order appears only where the org is in the US.
 */
const currencyRegion: Record<string, string> = {
  INR: 'IN',
  AED: 'AE',
  SAR: 'SA',
  QAR: 'QA',
  OMR: 'OM',
  KWD: 'KW',
  BHD: 'BH',
  GBP: 'GB',
  USD: 'US',
  SGD: 'SG',
  AUD: 'AU',
  NZD: 'NZ',
  CAD: 'CA',
  LKR: 'LK',
  NPR: 'NP',
  BDT: 'BD',
  PKR: 'PK',
  MYR: 'MY',
  ZAR: 'ZA',
  EUR: 'IE',
};

/** Locales nobody chose: what a browser reports out of the box. */
const unchosen = new Set(['en', 'en-us']);

export function chooseLocale(
  viewer: readonly string[],
  orgCurrency: string | null | undefined,
): string {
  const first = viewer[0];
  if (first && !unchosen.has(first.toLowerCase())) return first;
  const region = orgCurrency ? currencyRegion[orgCurrency.toUpperCase()] : undefined;
  return region ? `en-${region}` : 'en-GB';
}

const viewerLocales = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages;

let orgCurrency: string | null = null;
let current: string | null = null;

/** Called once the org's settings are known; screens re-render from their own stores. */
export function setOrgCurrency(currency: string | null): void {
  orgCurrency = currency;
  current = null;
}

export function displayLocale(): string {
  current ??= chooseLocale(viewerLocales(), orgCurrency);
  return current;
}
