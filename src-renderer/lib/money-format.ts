import { displayLocale } from './display-locale';

/**
 * Every amount of money on screen: Intl in the amount's own currency ("₹1,499.00",
 * "AED 25.00"). Amounts stay decimal strings end to end; Intl formats the string itself, so no
 * amount passes through a binary float on its way to the screen.
 */
const formatters = new Map<string, Intl.NumberFormat>();

const formatterFor = (currency: string, locale: string): Intl.NumberFormat | null => {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // Not an ISO 4217 code (a half-typed currency in a form): the caller shows it raw.
      return null;
    }
    formatters.set(key, f);
  }
  return f;
};

// Intl.NumberFormat.format takes a decimal string exactly (ES2023); the DOM lib types lag.
type ExactFormat = (value: string) => string;

/** "₹1,499.00"; '—' for no amount; the text as given if it is not a decimal. */
export function formatMoney(
  amount: string | null | undefined,
  currency: string | null | undefined,
  locale: string = displayLocale(),
): string {
  if (amount === null || amount === undefined || amount.trim() === '') return '—';
  const value = amount.trim();
  if (!/^[-+]?\d+(\.\d+)?$/.test(value)) return currency ? `${value} ${currency}` : value;
  const f = currency ? formatterFor(currency.toUpperCase(), locale) : null;
  if (!f) return currency ? `${value} ${currency}` : value;
  return (f.format as unknown as ExactFormat)(value);
}

/** A listed offer's discount from its numbers: "₹100.00 off", "10% up to AED 25.00". */
export function formatDiscount(parts: {
  percent: string | null;
  amount: string | null;
  currency: string | null;
}): string {
  if (parts.percent === null) return `${formatMoney(parts.amount, parts.currency)} off`;
  if (parts.amount === null) return `${parts.percent}% off`;
  return `${parts.percent}% up to ${formatMoney(parts.amount, parts.currency)}`;
}

/** "₹" or "AED": what a money input's label names, so nobody types dollars into a rupee field. */
export function currencyLabel(
  currency: string | null | undefined,
  locale = displayLocale(),
): string {
  if (!currency) return '';
  const f = formatterFor(currency.toUpperCase(), locale);
  const symbol = f?.formatToParts(0).find((p) => p.type === 'currency')?.value;
  const code = currency.toUpperCase();
  return symbol && symbol !== code ? `${code}, ${symbol}` : code;
}
