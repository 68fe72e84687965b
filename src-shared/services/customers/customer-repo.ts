import type { Customer, CustomerRef, IdentifierKind } from '#shared/domain/customer';
import type { SqlPort } from '#shared/sql/port';
import { textArrayLiteral } from '../shared/text-array';
import {
  customerColumns,
  customerFromRow,
  identifierColumn,
  type CustomerRow,
} from './customer-row';
import { normalizeIdentifier, parseRefString, refEntry } from './identifiers';

export { customerFromRow, customerColumns, type CustomerRow } from './customer-row';

/** Statements per identifier kind: the column is a code constant, the value a parameter. */
const byIdentifierSql: Record<IdentifierKind, string> = {
  userId: `SELECT ${customerColumns} FROM customers c WHERE c.user_id = $1`,
  email: `SELECT ${customerColumns} FROM customers c WHERE c.email = $1`,
  mobile: `SELECT ${customerColumns} FROM customers c WHERE c.mobile = $1`,
  externalId: `SELECT ${customerColumns} FROM customers c WHERE c.external_id = $1`,
};

/**
 * One unique-index probe per value. Written as `column = ANY(…)`, a 5,000-value upload batch
 * against a table whose statistics are stale (just loaded; PGlite never runs autovacuum) is
 * planned as a scan of every customer; OFFSET 0 keeps the lateral subquery a per-value probe.
 */
const bulkSqlFor = (column: string): string =>
  `SELECT c.* FROM unnest($1::text[]) AS u(v)
    CROSS JOIN LATERAL (SELECT ${customerColumns} FROM customers c WHERE c.${column} = u.v OFFSET 0) c`;
const bulkSql: Record<IdentifierKind, string> = {
  userId: bulkSqlFor('user_id'),
  email: bulkSqlFor('email'),
  mobile: bulkSqlFor('mobile'),
  externalId: bulkSqlFor('external_id'),
};

/** Customer ids only, for bulk issuance (the issuance rules need nothing else). */
const bulkIdSqlFor = (column: string): string =>
  `SELECT u.v AS key, c.id FROM unnest($1::text[]) AS u(v)
    CROSS JOIN LATERAL (SELECT c.id FROM customers c WHERE c.${column} = u.v OFFSET 0) c`;
const bulkIdSql: Record<IdentifierKind, string> = {
  userId: bulkIdSqlFor('user_id'),
  email: bulkIdSqlFor('email'),
  mobile: bulkIdSqlFor('mobile'),
  externalId: bulkIdSqlFor('external_id'),
};

export async function findCustomerById(sql: SqlPort, id: string): Promise<Customer | null> {
  const rows = await sql.query<CustomerRow>(
    `SELECT ${customerColumns} FROM customers c WHERE c.id = $1`,
    [id],
  );
  return rows[0] ? customerFromRow(rows[0]) : null;
}

export async function findCustomerByIdentifier(
  sql: SqlPort,
  kind: IdentifierKind,
  value: string,
): Promise<Customer | null> {
  const rows = await sql.query<CustomerRow>(byIdentifierSql[kind], [
    normalizeIdentifier(kind, value),
  ]);
  return rows[0] ? customerFromRow(rows[0]) : null;
}

/**
 * A customer by reference: a CustomerRef object, or the string form "userId:123",
 * "email:a@b.c", "mobile:+91…", "externalId:X", or a raw customer id. Null when unknown.
 */
export async function findCustomerByRef(
  sql: SqlPort,
  ref: CustomerRef | string,
): Promise<Customer | null> {
  const entry = typeof ref === 'string' ? parseRefString(ref) : refEntry(ref);
  if (entry.kind === 'id') return findCustomerById(sql, entry.value);
  return findCustomerByIdentifier(sql, entry.kind, entry.value);
}

/**
 * Bulk look-up for uploads: one indexed statement per call. Returns a map from the
 * normalized identifier value to the customer; values with no customer are absent, so callers
 * look each row up with normalizeIdentifier(kind, raw).
 */
export async function findCustomersByIdentifiers(
  sql: SqlPort,
  kind: IdentifierKind,
  values: readonly string[],
): Promise<Map<string, Customer>> {
  const found = new Map<string, Customer>();
  if (values.length === 0) return found;
  const column = identifierColumn[kind];
  const wanted = [...new Set(values.map((v) => normalizeIdentifier(kind, v)))];
  const rows = await sql.query<CustomerRow>(bulkSql[kind], [textArrayLiteral(wanted)]);
  for (const row of rows) {
    const key = row[column];
    if (typeof key === 'string') found.set(key, customerFromRow(row));
  }
  return found;
}

/**
 * Like findCustomersByIdentifiers for values already normalized (an upload checks each cell
 * first), but answers only the customer id per value: an upload batch of 5,000 rows otherwise
 * spends more time decoding customer rows it never reads than the server spends finding them.
 */
export async function findCustomerIdsByIdentifiers(
  sql: SqlPort,
  kind: IdentifierKind,
  normalizedValues: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (normalizedValues.length === 0) return found;
  const rows = await sql.query<{ key: string; id: string }>(bulkIdSql[kind], [
    textArrayLiteral([...new Set(normalizedValues)]),
  ]);
  for (const row of rows) found.set(row.key, row.id);
  return found;
}
