import { Decimal } from 'decimal.js';
import type { Offer } from '../domain/offer';
import type { CurrencyRate } from '../domain/org';
import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';
import { eligibleAmount } from './eligibility';
import { convert, minOf, moneyOut, parseMoney, round2 } from './money';
import { parseInstant } from './time';
import type { DiscountRequest, DiscountResult } from './types';

const noRate = (from: string, to: string, at: string, field: string): Reason =>
  reason(
    'NO_EXCHANGE_RATE',
    `No exchange rate from ${from} to ${to} is in effect at ${at}: add one under currency rates`,
    field,
  );

/**
 * The discount this offer gives on this bill, in the transaction currency (the request's, or
 * the store's when the request names none). A fixed amount and a max-discount cap in another
 * currency are converted at the latest rate in effect at `request.at`; a cap with no currency
 * is read in the store's currency. The result never exceeds the eligible amount, the bill or the
 * cap, and is rounded half-up to 2 places (rounded down instead if half-up would cross a limit).
 */
export const computeDiscount = (
  offer: Offer,
  request: DiscountRequest,
  rates: readonly CurrencyRate[],
  storeCurrency: string,
): Result<DiscountResult> => {
  const reasons: Reason[] = [];
  const currency = request.currency || storeCurrency;
  const at = parseInstant(request.at);
  if (at === null) {
    reasons.push(reason('INVALID_TIME', `"${request.at}" is not a date and time`, 'at'));
  }
  const bill = parseMoney(request.billAmount);
  if (bill === null) {
    reasons.push(
      reason(
        'INVALID_AMOUNT',
        `The bill amount "${request.billAmount}" is not an amount such as 125.50`,
        'billAmount',
      ),
    );
  }
  const eligible = bill === null ? null : eligibleAmount(offer, request.items, bill);
  if (eligible !== null && !eligible.ok) reasons.push(...eligible.reasons);
  if (at === null || bill === null || eligible === null || !eligible.ok) return fail(...reasons);
  const atMs = at.toMillis();
  const base = eligible.value;

  let raw: Decimal | null;
  let cap: Decimal | null = null;
  const d = offer.discount;
  if (d.type === 'FIXED') {
    raw = convert(new Decimal(d.amount), d.currency, currency, rates, atMs);
    if (raw === null) reasons.push(noRate(d.currency, currency, request.at, 'discount.currency'));
  } else {
    raw = base.mul(new Decimal(d.percent)).div(100);
    if (d.maxDiscount !== null) {
      const capCurrency = d.maxDiscountCurrency ?? storeCurrency;
      cap = convert(new Decimal(d.maxDiscount), capCurrency, currency, rates, atMs);
      if (cap === null) {
        reasons.push(noRate(capCurrency, currency, request.at, 'discount.maxDiscountCurrency'));
      }
    }
  }
  if (raw === null || reasons.length > 0) return fail(...reasons);

  const ceiling = cap === null ? minOf(base, bill) : minOf(cap, base, bill);
  const uncapped = minOf(raw, base, bill);
  const exact = Decimal.max(minOf(raw, ceiling), 0);
  let amount = round2(exact);
  if (amount.gt(ceiling)) amount = exact.toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return ok({
    amount: amount.toFixed(2),
    currency,
    eligibleAmount: moneyOut(base),
    capped: cap !== null && cap.lt(uncapped),
  });
};
