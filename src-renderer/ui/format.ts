/** Display helpers; values stay strings (money) or ISO instants everywhere else. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTime.format(new Date(iso)) : '—';

export const formatDate = (iso: string | null | undefined): string =>
  iso ? dateOnly.format(new Date(iso)) : '—';

export const formatCount = (n: number): string => n.toLocaleString();

/** Rates arrive as 0…1; shown as a percentage with one decimal. */
export const formatRate = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
