/**
 * Reading SqlPort values. The host adapters already return timestamptz as ISO strings with Z,
 * numeric as strings, int8 as numbers and jsonb as objects; these helpers state the expected
 * type at the point of use and accept a Date too, so a raw driver value cannot slip through
 * as the wrong shape.
 */

export function isoOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') {
    // Already canonical (the adapters' form): keep it byte-for-byte.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return v;
    // PostgreSQL text form: "2025-03-10 06:30:00.5+05:30" or "...+00".
    const d = new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  throw new TypeError(`Expected a timestamp from the database, got ${JSON.stringify(v)}`);
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : isoOf(v);
}

export function numOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new TypeError(`Expected a number from the database, got ${JSON.stringify(v)}`);
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** A jsonb value: the adapters parse it, so this only names the expected type. */
export function jsonOf<T>(v: unknown): T {
  return v as T;
}

/** A `date` column as YYYY-MM-DD. */
export function dateOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  throw new TypeError(`Expected a date from the database, got ${JSON.stringify(v)}`);
}
