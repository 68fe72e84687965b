/**
 * COPY cannot take its table or columns as parameters, so they are spliced into the text.
 * They are code constants (SqlPort contract), and this check makes sure of it: plain or
 * schema-qualified lower-case identifiers only.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const QUALIFIED = /^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;

/** `COPY table (a, b) FROM <source> WITH (FORMAT csv)`: CSV without a header; an unquoted empty field is NULL. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  if (!QUALIFIED.test(table)) {
    throw new Error(`copyFrom: "${table}" is not a plain table name (a-z, 0-9, _).`);
  }
  if (columns.length === 0) throw new Error(`copyFrom into ${table}: no columns given.`);
  const bad = columns.find((c) => !IDENTIFIER.test(c));
  if (bad !== undefined) {
    throw new Error(`copyFrom into ${table}: "${bad}" is not a plain column name (a-z, 0-9, _).`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}
