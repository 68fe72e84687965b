import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import type { Offer } from '../domain/offer';
import type { CurrencyRate, StoreContext } from '../domain/org';
import { reason, type Reason } from '../domain/reasons';
import { convert, moneyOut } from './money';
import { calendarDaysBetween, describeInstant, parseInstant } from './time';
import type { RedemptionFacts } from './types';

const weekdayNames = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** A request at till T of store S in zone Z of concept C matches a T, S, Z or C reference. */
export const storeReasons = (offer: Offer, store: StoreContext): Reason[] => {
  const refs = offer.redemption.stores;
  if (refs.length === 0) return [];
  const matches = refs.some(
    (r) =>
      (r.type === 'TILL' && r.id === store.tillId) ||
      (r.type === 'STORE' && r.id === store.storeId) ||
      (r.type === 'ZONE' && r.id === store.zoneId) ||
      (r.type === 'CONCEPT' && r.id === store.conceptId),
  );
  return matches
    ? []
    : [
        reason(
          'STORE_NOT_ALLOWED',
          `This offer cannot be redeemed at store ${store.storeId} (till ${store.tillId})`,
          'redemption.stores',
        ),
      ];
};

/**
 * The currency min/max bill are set in: the fixed discount's currency, else the max-discount
 * currency, else the store's (the offer schema has no separate bill currency).
 */
export const offerCurrency = (offer: Offer, storeCurrency: string): string =>
  offer.discount.type === 'FIXED'
    ? offer.discount.currency
    : (offer.discount.maxDiscountCurrency ?? storeCurrency);

export const billReasons = (
  offer: Offer,
  bill: Decimal,
  currency: string,
  store: StoreContext,
  rates: readonly CurrencyRate[],
  at: DateTime,
): Reason[] => {
  const reasons: Reason[] = [];
  const from = offerCurrency(offer, store.currency);
  const check = (limit: string | null, kind: 'min' | 'max'): void => {
    if (limit === null) return;
    const field = kind === 'min' ? 'redemption.minBill' : 'redemption.maxBill';
    const converted = convert(new Decimal(limit), from, currency, rates, at.toMillis());
    if (converted === null) {
      reasons.push(
        reason(
          'NO_EXCHANGE_RATE',
          `No exchange rate from ${from} to ${currency} is in effect to compare the bill with the ${kind === 'min' ? 'minimum' : 'maximum'}`,
          field,
        ),
      );
      return;
    }
    const shown = `${moneyOut(converted.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))} ${currency}`;
    if (kind === 'min' && bill.lt(converted)) {
      reasons.push(reason('BILL_BELOW_MINIMUM', `The bill must be at least ${shown}`, field));
    }
    if (kind === 'max' && bill.gt(converted)) {
      reasons.push(reason('BILL_ABOVE_MAXIMUM', `The bill must not exceed ${shown}`, field));
    }
  };
  check(offer.redemption.minBill, 'min');
  check(offer.redemption.maxBill, 'max');
  return reasons;
};

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * Half-open [from, to) wall-clock ranges; a range whose `to` is earlier than `from` runs past
 * midnight (22:00–02:00), and from = to means the whole day.
 */
export const inHourRange = (local: DateTime, range: { from: string; to: string }): boolean => {
  const now = local.hour * 60 + local.minute;
  const from = minutesOf(range.from);
  const to = minutesOf(range.to);
  if (from === to) return true;
  return from < to ? now >= from && now < to : now >= from || now < to;
};

/** Days of week, days of month and hours of day, read on the store's wall clock (`local`). */
export const scheduleReasons = (offer: Offer, local: DateTime): Reason[] => {
  const r = offer.redemption;
  const reasons: Reason[] = [];
  if (r.daysOfWeek.length > 0 && !r.daysOfWeek.includes(local.weekday)) {
    const allowed = [...r.daysOfWeek]
      .sort()
      .map((d) => weekdayNames[d])
      .join(', ');
    reasons.push(
      reason(
        'DAY_NOT_ALLOWED',
        `This offer cannot be redeemed on a ${weekdayNames[local.weekday]}; allowed: ${allowed}`,
        'redemption.daysOfWeek',
      ),
    );
  }
  if (r.daysOfMonth.length > 0 && !r.daysOfMonth.includes(local.day)) {
    const allowed = [...r.daysOfMonth].sort((a, b) => a - b).join(', ');
    reasons.push(
      reason(
        'DATE_NOT_ALLOWED',
        `This offer cannot be redeemed on day ${local.day} of the month; allowed days: ${allowed}`,
        'redemption.daysOfMonth',
      ),
    );
  }
  if (r.hours.length > 0 && !r.hours.some((h) => inHourRange(local, h))) {
    const allowed = r.hours.map((h) => `${h.from}–${h.to}`).join(', ');
    reasons.push(
      reason(
        'HOUR_NOT_ALLOWED',
        `This offer cannot be redeemed at ${local.toFormat('HH:mm')}; allowed hours: ${allowed}`,
        'redemption.hours',
      ),
    );
  }
  return reasons;
};

/**
 * When redemption may start: right after issue, on the local day N days after the issue date,
 * or from a local date. Issue-relative starts need an issued coupon (an unissued common code
 * has no issue date and is not held back).
 */
export const startReasons = (facts: RedemptionFacts, local: DateTime): Reason[] => {
  const start = facts.offer.redemption.start;
  const zone = local.zone;
  let from: DateTime | null = null;
  if (start.type === 'FROM_DATE') {
    const day = DateTime.fromISO(start.date, { zone }).startOf('day');
    from = day.isValid ? day : null;
  } else {
    const issued = facts.coupon?.issuedAt ? parseInstant(facts.coupon.issuedAt) : null;
    if (issued === null) return [];
    from =
      start.type === 'AFTER_ISSUE'
        ? issued
        : issued.setZone(zone).startOf('day').plus({ days: start.days });
  }
  if (from === null || local.toMillis() >= from.toMillis()) return [];
  return [
    reason(
      'REDEMPTION_NOT_STARTED',
      `This coupon can be redeemed from ${describeInstant(from.setZone(zone))}`,
      'redemption.start',
    ),
  ];
};

/** Min calendar days (store time) between two redemptions by this customer in the offer. */
export const gapReasons = (facts: RedemptionFacts, local: DateTime): Reason[] => {
  const gap = facts.offer.redemption.minGapDays;
  if (gap === null || facts.customer === null) return [];
  let last: DateTime | null = null;
  for (const r of facts.customerOfferRedemptions) {
    if (r.reversed) continue;
    const t = parseInstant(r.redeemedAt);
    if (t !== null && (last === null || t.toMillis() > last.toMillis())) last = t;
  }
  if (last === null) return [];
  const lastLocal = last.setZone(local.zone);
  if (calendarDaysBetween(lastLocal, local) >= gap) return [];
  const next = lastLocal.startOf('day').plus({ days: gap });
  return [
    reason(
      'REDEMPTION_GAP_NOT_MET',
      `This customer last redeemed this offer on ${lastLocal.toFormat('d LLL yyyy')}; the next redemption is allowed from ${next.toFormat('d LLL yyyy')}`,
      'redemption.minGapDays',
    ),
  ];
};

/** New customers only: registered within the local date range and few enough transactions. */
export const newCustomerReasons = (facts: RedemptionFacts, local: DateTime): Reason[] => {
  const rule = facts.offer.redemption.newCustomers;
  const customer = facts.customer;
  if (rule === null || customer === null) return [];
  const reasons: Reason[] = [];
  const registered = parseInstant(customer.registeredAt);
  const regDate = registered === null ? null : registered.setZone(local.zone).toISODate();
  const outside =
    regDate === null ||
    (rule.registeredFrom !== null && regDate < rule.registeredFrom) ||
    (rule.registeredTo !== null && regDate > rule.registeredTo);
  if ((rule.registeredFrom !== null || rule.registeredTo !== null) && outside) {
    const range = `${rule.registeredFrom ?? 'any date'} to ${rule.registeredTo ?? 'today'}`;
    reasons.push(
      reason(
        'NOT_A_NEW_CUSTOMER',
        `This offer is for customers registered from ${range}; this customer registered on ${regDate ?? 'an unknown date'}`,
        'redemption.newCustomers.registeredFrom',
      ),
    );
  }
  if (rule.maxTransactions !== null && customer.transactionCount > rule.maxTransactions) {
    reasons.push(
      reason(
        'NOT_A_NEW_CUSTOMER',
        `This offer is for customers with at most ${rule.maxTransactions} past transactions; this customer has ${customer.transactionCount}`,
        'redemption.newCustomers.maxTransactions',
      ),
    );
  }
  return reasons;
};
