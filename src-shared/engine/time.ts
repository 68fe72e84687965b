import { DateTime } from 'luxon';

/**
 * Time helpers over luxon. Every calendar notion (end of day, day of week, "N days") is taken
 * in an IANA zone handed in by the caller: the store's, or the org's where no store is involved.
 */

/**
 * Instants parsed lately, by their text. A till's validate and redeem read the same few strings
 * on every call (the offer's creation and end, coupon expiries, the request's own time three
 * times over), and luxon's ISO parse allocates several kilobytes each time: on the till's hot
 * path that garbage set how often the young-generation GC paused a call. A DateTime is
 * immutable, so one can be shared. Emptied when full rather than evicted one by one: the
 * per-request instants pass through and the few long-lived ones are parsed again once.
 */
const MAX_PARSED = 256;
const parsed = new Map<string, DateTime | null>();

/** Parses an ISO-8601 instant keeping its offset; null when it is not one. */
export const parseInstant = (iso: string): DateTime | null => {
  let d = parsed.get(iso);
  if (d === undefined) {
    const fresh = DateTime.fromISO(iso, { setZone: true });
    d = fresh.isValid ? fresh : null;
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(iso, d);
  }
  return d;
};

/** Zone names found valid: the IANA data cannot change under a running process. */
const validZones = new Set<string>();

export const isValidZone = (zone: string): boolean => {
  if (validZones.has(zone)) return true;
  const valid = DateTime.now().setZone(zone).isValid;
  if (valid && validZones.size < MAX_PARSED) validZones.add(zone);
  return valid;
};

/** The instant as wall-clock time in `zone`; throws on an invalid instant or zone (programmer error). */
export const inZone = (iso: string, zone: string): DateTime => {
  const d = (parseInstant(iso) ?? DateTime.fromISO(iso, { setZone: true })).setZone(zone);
  if (!d.isValid) {
    throw new RangeError(`Cannot read "${iso}" in time zone "${zone}": ${d.invalidExplanation}`);
  }
  return d;
};

export const toUtcIso = (d: DateTime): string => {
  const s = d.toUTC().toISO();
  if (s === null) throw new RangeError(`Invalid date-time: ${d.invalidExplanation}`);
  return s;
};

export const instantMs = (iso: string): number => {
  const d = parseInstant(iso);
  if (d === null) throw new RangeError(`"${iso}" is not an ISO-8601 instant`);
  return d.toMillis();
};

/**
 * Whole calendar days from `a`'s local date to `b`'s local date (both already in the zone that
 * matters). Compared as dates, so a DST day of 23 or 25 hours still counts as one day.
 */
export const calendarDaysBetween = (a: DateTime, b: DateTime): number => {
  const da = DateTime.fromObject({ year: a.year, month: a.month, day: a.day }, { zone: 'UTC' });
  const db = DateTime.fromObject({ year: b.year, month: b.month, day: b.day }, { zone: 'UTC' });
  return Math.round(db.diff(da, 'days').days);
};

/** Human form of an instant in a zone, for messages: "12 Nov 2024, 23:59". */
export const describeInstant = (d: DateTime): string => d.toFormat('d LLL yyyy, HH:mm');
