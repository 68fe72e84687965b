/**
 * A PostgreSQL text[] literal for a `$n::text[]` parameter. node-postgres serializes a JS array
 * element by element through a regex escape and a generic value path, which over an upload's
 * 5,000-element look-ups costs more than the statement's own planning; ids and identifiers
 * rarely hold a quote or backslash, so one test per element usually suffices. Every element is
 * quoted, so "NULL" stays the string NULL.
 */
const needsEscape = /["\\]/;

export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    if (i > 0) out += ',';
    out += needsEscape.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}
