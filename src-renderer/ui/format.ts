/**
 * Display helpers; values stay strings (money) or ISO instants everywhere else. The date
 * formatters here read the viewer's own clock (a draft saved, a check made); a time that
 * belongs to a store or the org goes through lib/zoned-time (ZonedTime, formatInZone).
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTime.format(new Date(iso)) : '—';

const compact = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Nov 23, 15:30": for dense tables, where the year is rarely in doubt. */
export const formatCompactDateTime = (iso: string | null | undefined): string =>
  iso ? compact.format(new Date(iso)) : '—';

export const formatDate = (iso: string | null | undefined): string =>
  iso ? dateOnly.format(new Date(iso)) : '—';

// One formatter for every count (toLocaleString would set one up per call, per table cell).
const counts = new Intl.NumberFormat();
export const formatCount = (n: number): string => counts.format(n);

/** Rates arrive as 0…1; shown as a percentage with one decimal. */
export const formatRate = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
