import { Decimal } from 'decimal.js';
import type { Offer, OfferConfig } from '../domain/offer';
import type { CurrencyRate } from '../domain/org';
import { reason, type Reason } from '../domain/reasons';
import { convert, moneyOut, parseMoney } from '../engine/money';
import { offerCurrency } from '../engine/redemption-context';

/** The bill a till is asked to redeem offline, as the request gave it. */
export type OfflineBill = {
  /** Decimal string, never a float. */
  billAmount: string;
  /** The bill's currency (the request's, else the store's). */
  currency: string;
  storeCurrency: string;
  rates: readonly CurrencyRate[];
  atMs: number;
};

const refuse = (message: string, field?: string): Reason =>
  reason('OFFLINE_NOT_ALLOWED', message, field);

/**
 * What the offer's offline policy says about this bill at a till that cannot reach the hub
 * (pure; the same verdict for validate and redeem). UP_TO_BILL's maximum is set in the offer's
 * money currency, like the offer's min/max bill (engine/redemption-context.ts offerCurrency),
 * converted exactly into the bill's currency before comparing.
 */
export const offlinePolicyReasons = (offer: Offer, bill: OfflineBill): Reason[] => {
  const policy = offer.offlinePolicy;
  const name = offer.name;
  if (policy.mode === 'ONLINE_ONLY') {
    return [
      refuse(
        `The hub is unreachable and offer "${name}" may only be redeemed online; try again when the till is back online`,
      ),
    ];
  }
  if (policy.mode !== 'UP_TO_BILL') return [];
  const amount = parseMoney(bill.billAmount);
  const max = parseMoney(policy.maxBill);
  if (amount === null || max === null) {
    return [
      refuse(
        `The bill amount ${JSON.stringify(bill.billAmount)} is not an amount of money`,
        'billAmount',
      ),
    ];
  }
  const from = offerCurrency(offer, bill.storeCurrency);
  const limit = convert(max, from, bill.currency, bill.rates, bill.atMs);
  if (limit === null) {
    return [
      refuse(
        `The hub is unreachable and offer "${name}" may be redeemed offline only on bills up to ${moneyOut(max)} ${from}, but this till has no exchange rate from ${from} to ${bill.currency} to compare this bill with`,
        'currency',
      ),
    ];
  }
  if (amount.lte(limit)) return [];
  // Down, so the amount shown is one a 2-place bill may really reach.
  const shown = moneyOut(limit.toDecimalPlaces(2, Decimal.ROUND_DOWN));
  const converted = from === bill.currency ? '' : ` (${moneyOut(max)} ${from})`;
  return [
    refuse(
      `The hub is unreachable and offer "${name}" may be redeemed offline only on bills up to ${shown} ${bill.currency}${converted}; this bill is ${moneyOut(amount)} ${bill.currency}`,
      'billAmount',
    ),
  ];
};

/**
 * Offline choices an offer cannot have: a keyed check is appended only to codes Counterfoil
 * generates (unique auto, randomized), so uploaded and common codes cannot opt in.
 */
export const offlineChoiceReasons = (config: OfferConfig): Reason[] => {
  const p = config.offlinePolicy;
  if (p.mode === 'ONLINE_ONLY' || !p.verifiedCodes) return [];
  const m = config.codeGeneration.method;
  if (m === 'UPLOADED') {
    return [
      reason(
        'INVALID_FIELD',
        'Uploaded codes are made outside Counterfoil and cannot carry an offline check; a till accepts them offline only once it has synced them. Turn offline-verifiable codes off, or generate the codes',
        'offlinePolicy.verifiedCodes',
      ),
    ];
  }
  if (m === 'COMMON') {
    return [
      reason(
        'INVALID_FIELD',
        'A common code is one code known to every till the offer syncs to, so it needs no offline check; turn offline-verifiable codes off',
        'offlinePolicy.verifiedCodes',
      ),
    ];
  }
  return [];
};
