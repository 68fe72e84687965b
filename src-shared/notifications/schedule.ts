import { DateTime } from 'luxon';

/**
 * Schedule math for reminders: when a reminder is due, as a local calendar date (part of the
 * job's unique key) and the instant that date's send time falls on in the recipient's zone.
 * All calendar arithmetic is luxon's, in an IANA zone, so DST days and zones with odd offsets
 * come out right.
 */
export type Due = { dueDate: string; dueAt: string };

/** The time offer-expiry reminders go out (seed: "The emails are sent at 10 am"). */
export const OFFER_REMINDER_TIME = '10:00';

const utcIso = (d: DateTime): string => {
  const s = d.toUTC().toISO();
  if (s === null) throw new RangeError(`invalid date-time: ${d.invalidExplanation}`);
  return s;
};

function readInstant(iso: string, zone: string): DateTime {
  const d = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  if (!d.isValid) {
    throw new RangeError(`cannot read "${iso}" in time zone "${zone}": ${d.invalidExplanation}`);
  }
  return d;
}

/** The local date `daysBefore` days before `endIso`'s local date, at `sendTime` (HH:mm), in `zone`. */
export function dueBefore(endIso: string, zone: string, daysBefore: number, sendTime: string): Due {
  const [hh, mm] = sendTime.split(':').map(Number) as [number, number];
  const day = readInstant(endIso, zone).startOf('day').minus({ days: daysBefore });
  // On a DST gap luxon moves a missing wall time forward, which is what a person expects.
  const at = day.set({ hour: hh, minute: mm, second: 0, millisecond: 0 });
  const dueDate = day.toISODate();
  if (dueDate === null) throw new RangeError(`invalid due date for "${endIso}" in "${zone}"`);
  return { dueDate, dueAt: utcIso(at) };
}

/** A coupon expiry reminder: N days before the coupon's local expiry date, at the send time. */
export const couponReminderDue = (
  expiresAt: string,
  zone: string,
  reminder: { daysBefore: number; sendTime: string },
): Due => dueBefore(expiresAt, zone, reminder.daysBefore, reminder.sendTime);

/** An offer expiry reminder: N days before the offer's local end date, at 10:00 org time. */
export const offerReminderDue = (endsAt: string, orgZone: string, daysBefore: number): Due =>
  dueBefore(endsAt, orgZone, daysBefore, OFFER_REMINDER_TIME);

/** The local calendar date of an instant. */
export function localDateOf(iso: string, zone: string): string {
  const date = readInstant(iso, zone).toISODate();
  if (date === null) throw new RangeError(`invalid instant "${iso}"`);
  return date;
}

/** "31 Dec 2025": how dates appear in messages. */
export const messageDate = (iso: string, zone: string): string =>
  readInstant(iso, zone).setLocale('en-GB').toFormat('d LLL yyyy');

export type Backoff = { baseMs: number; maxMs: number };
export const defaultBackoff: Backoff = { baseMs: 60_000, maxMs: 6 * 60 * 60_000 };

/**
 * Delay before retry number `attempt` (1 = the first retry): base × 2^(attempt−1), capped.
 * No jitter: the scheduler retries one job at a time, so there is no thundering herd to spread.
 */
export function backoffDelayMs(attempt: number, backoff: Backoff = defaultBackoff): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(n - 1, 30));
}
