import { DateTime } from 'luxon';

/**
 * Time helpers over luxon. Every calendar notion (end of day, day of week, "N days") is taken
 * in an IANA zone handed in by the caller: the store's, or the org's where no store is involved.
 */

/** Parses an ISO-8601 instant keeping its offset; null when it is not one. */
export const parseInstant = (iso: string): DateTime | null => {
  const d = DateTime.fromISO(iso, { setZone: true });
  return d.isValid ? d : null;
};

export const isValidZone = (zone: string): boolean => DateTime.now().setZone(zone).isValid;

/** The instant as wall-clock time in `zone`; throws on an invalid instant or zone (programmer error). */
export const inZone = (iso: string, zone: string): DateTime => {
  const d = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
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
