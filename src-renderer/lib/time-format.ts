import { DateTime, Info } from 'luxon';
import { displayLocale } from './display-locale';

/**
 * Every date and time on screen, in one format, in the zone it belongs to: a redemption in its
 * store's zone, an offer and anything org-wide in the org's (docs/architecture.md, "Domain").
 * The browser's own zone is never used: a back office on a UTC machine must read an Indian
 * store's 23:59 as 23:59 IST. A time always names its zone; a calendar date never does (an
 * expiry day is read in its zone by design). Luxon does the zone arithmetic, Intl the words.
 */
export type TimeStyle = 'datetime' | 'date';

export type TimeFormatOptions = {
  style?: TimeStyle;
  /** BCP 47 locale; default the display locale (lib/display-locale). */
  locale?: string;
};

const parts = {
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
} as const;

const zoneValidity = new Map<string, boolean>();

/** An unknown or missing zone reads as UTC (and is labelled so) rather than the browser's. */
export const usableZone = (zone: string | null | undefined): string => {
  if (!zone) return 'UTC';
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = Info.isValidIANAZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid ? zone : 'UTC';
};

/**
 * English locales whose short zone names people use: Intl names Kolkata "IST" only in en-IN and
 * Dubai "GST" only outside en-US; "GMT+5:30" is the last resort, not the first answer.
 */
const labelLocales = ['en-IN', 'en-GB', 'en-US', 'en-AE', 'en-AU', 'en-SG'];
const offsetOnly = /^(GMT|UTC)[+\-−]/;
const labels = new Map<string, string>();

/** The zone's short name at that instant ("IST", "GST", "EDT"; "GMT+5:45" if it has none). */
export function zoneLabel(iso: string, zone: string | null | undefined): string {
  const name = usableZone(zone);
  const at = DateTime.fromISO(iso, { zone: name });
  if (!at.isValid) return name;
  const key = `${name}@${at.offset}`;
  const known = labels.get(key);
  if (known) return known;
  let found: string | null = null;
  for (const locale of [displayLocale(), ...labelLocales]) {
    const short = at.setLocale(locale).offsetNameShort;
    if (short && !offsetOnly.test(short)) {
      found = short;
      break;
    }
    found ??= short;
  }
  const label = found ?? name;
  labels.set(key, label);
  return label;
}

/** An ISO instant in zone: "31 Jan 2025, 23:59 IST"; '—' for none, the text if not an instant. */
export function formatInstant(
  iso: string | null | undefined,
  zone: string | null | undefined,
  options: TimeFormatOptions = {},
): string {
  if (!iso) return '—';
  const style = options.style ?? 'datetime';
  const name = usableZone(zone);
  const at = DateTime.fromISO(iso, { zone: name });
  if (!at.isValid) return iso;
  const text = at.setLocale(options.locale ?? displayLocale()).toLocaleString(parts[style]);
  return style === 'date' ? text : `${text} ${zoneLabel(iso, name)}`;
}

/** A calendar day with no zone ("2025-01-31", a redemption start): "31 Jan 2025". */
export function formatCalendarDate(day: string | null | undefined, locale?: string): string {
  if (!day) return '—';
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return d.isValid ? d.setLocale(locale ?? displayLocale()).toLocaleString(parts.date) : day;
}

/** The value of `<input type="datetime-local">` that shows iso as wall time in zone. */
export function toZonedInput(
  iso: string | null | undefined,
  zone: string | null | undefined,
): string {
  if (!iso) return '';
  const at = DateTime.fromISO(iso, { zone: usableZone(zone) });
  return at.isValid ? at.toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/**
 * The instant a datetime-local value means as wall time in zone (never the computer's zone).
 * A wall time skipped by a clock change moves forward past the gap, as the zone's clocks do.
 */
export function fromZonedInput(value: string, zone: string | null | undefined): string | null {
  if (!value) return null;
  const at = DateTime.fromISO(value, { zone: usableZone(zone) });
  return at.isValid ? at.toUTC().toISO() : null;
}

/** The end of the day (23:59) days from now, as the zone's calendar reads it. */
export function endOfDayIn(zone: string | null | undefined, days: number, now: Date): string {
  const end = DateTime.fromJSDate(now, { zone: usableZone(zone) })
    .plus({ days })
    .set({ hour: 23, minute: 59, second: 0, millisecond: 0 });
  return end.toUTC().toISO() ?? now.toISOString();
}

/** Today's calendar day in zone ("2025-01-31"). */
export function todayIn(zone: string | null | undefined, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: usableZone(zone) }).toISODate() ?? '';
}

/** The instant a calendar day (plus days) starts in zone: a date filter's bound. */
export function dayStartIn(
  zone: string | null | undefined,
  day: string,
  plusDays: number,
): string | null {
  const start = DateTime.fromISO(day, { zone: usableZone(zone) });
  return start.isValid ? start.plus({ days: plusDays }).startOf('day').toUTC().toISO() : null;
}
