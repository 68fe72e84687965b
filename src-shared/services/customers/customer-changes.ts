import {
  identifierKind,
  type Customer,
  type CustomerPatch,
  type IdentifierKind,
} from '#shared/domain/customer';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { identifierLabel } from './identifiers';
import { customerColumns, customerFromRow, findCustomerIdsByIdentifiers } from './customer-repo';
import type { CustomerRow } from './customer-row';

/**
 * Changes to registered customers, shared by the single update (customers-update) and the
 * CSV of customer updates: the checks that need the database, then one set-based write.
 */

/** One customer's change: identifiers already normalised, every other cell already checked. */
export type CustomerChange = { customer: Customer; patch: CustomerPatch };

export const identifierTaken = (kind: IdentifierKind, value: string, holder: string): Reason =>
  reason(
    'IDENTIFIER_TAKEN',
    `${identifierLabel[kind]} "${value}" is already registered to another customer (${holder}); look that customer up, or give a different ${identifierLabel[kind]}`,
    kind,
  );

/** Registration lies in the past: a date in the future is a typing mistake. */
export const futureRegistrationReason = (
  raw: string,
  atMs: number,
  nowMs: number,
): Reason | null =>
  atMs > nowMs
    ? reason(
        'INVALID_REGISTERED_AT',
        `registeredAt "${raw}" is in the future; give the day the customer registered`,
        'registeredAt',
      )
    : null;

/**
 * Reasons each change cannot be made, by index: it would leave the customer without any
 * identifier, give an identifier another customer holds (or one an earlier change in the same
 * list gives), or name a home store that does not exist. Empty lists for changes that can go in.
 */
export async function changeConflicts(
  sql: SqlPort,
  changes: readonly CustomerChange[],
): Promise<Reason[][]> {
  const out = changes.map((): Reason[] => []);
  changes.forEach(({ customer, patch }, i) => {
    const left = identifierKind.options.filter((k) =>
      patch[k] === undefined ? customer[k] : patch[k],
    );
    if (left.length === 0) {
      out[i]?.push(
        reason(
          'IDENTIFIER_REQUIRED',
          'This would leave the customer without any identifier; keep at least one of user id, email, mobile or external id',
          identifierKind.options.find((k) => patch[k] === null) ?? 'userId',
        ),
      );
    }
  });
  for (const kind of identifierKind.options) {
    const wanted = changes
      .map(({ customer, patch }, i) => ({ i, id: customer.id, value: patch[kind] }))
      .filter((w): w is { i: number; id: string; value: string } => typeof w.value === 'string');
    if (wanted.length === 0) continue;
    const holders = await findCustomerIdsByIdentifiers(
      sql,
      kind,
      wanted.map((w) => w.value),
    );
    const givenBy = new Map<string, string>();
    for (const w of wanted) {
      const holder = holders.get(w.value);
      const earlier = givenBy.get(w.value);
      if (holder !== undefined && holder !== w.id) {
        out[w.i]?.push(identifierTaken(kind, w.value, holder));
      } else if (earlier !== undefined && earlier !== w.id) {
        out[w.i]?.push(identifierTaken(kind, w.value, earlier));
      } else {
        givenBy.set(w.value, w.id);
      }
    }
  }
  const stores = [
    ...new Set(changes.flatMap((c) => (c.patch.homeStoreId ? [c.patch.homeStoreId] : []))),
  ];
  if (stores.length > 0) {
    const found = await sql.query<{ id: string }>(
      `SELECT id FROM org_entities WHERE type = 'STORE' AND id = ANY($1::text[])`,
      [stores],
    );
    const known = new Set(found.map((r) => r.id));
    changes.forEach(({ patch }, i) => {
      const store = patch.homeStoreId;
      if (store && !known.has(store)) {
        out[i]?.push(
          reason(
            'UNKNOWN_ORG_ENTITY',
            `store ${store} does not exist; give the id of a store`,
            'homeStoreId',
          ),
        );
      }
    });
  }
  return out;
}

const patchColumns: Record<keyof CustomerPatch, { column: string; cast: string }> = {
  userId: { column: 'user_id', cast: '' },
  email: { column: 'email', cast: '' },
  mobile: { column: 'mobile', cast: '' },
  externalId: { column: 'external_id', cast: '' },
  name: { column: 'name', cast: '' },
  registeredAt: { column: 'registered_at', cast: '::timestamptz' },
  transactionCount: { column: 'transaction_count', cast: '::int' },
  homeStoreId: { column: 'home_store_id', cast: '' },
};

// A field absent from a change's JSON keeps its value; present (null included) sets it.
const updateSql = /* sql */ `UPDATE customers AS c SET ${Object.entries(patchColumns)
  .map(
    ([field, { column, cast }]) =>
      `${column} = CASE WHEN e ? '${field}' THEN (e ->> '${field}')${cast} ELSE c.${column} END`,
  )
  .join(',\n  ')}
  FROM jsonb_array_elements($1::jsonb) AS e
 WHERE c.id = e ->> 'id'
 RETURNING ${customerColumns}`;

/** Writes the changes in one statement; answers the customers as they now are. */
export async function writeChanges(
  sql: SqlPort,
  changes: readonly CustomerChange[],
): Promise<Customer[]> {
  if (changes.length === 0) return [];
  const rows = await sql.query<CustomerRow>(updateSql, [
    JSON.stringify(changes.map((c) => ({ ...c.patch, id: c.customer.id }))),
  ]);
  return rows.map(customerFromRow);
}

/** What a change did, field by field, for the audit trail (identifiers as stored). */
export function changedFields(
  before: Customer,
  patch: CustomerPatch,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(patchColumns) as (keyof CustomerPatch)[]) {
    const to = patch[key];
    if (to === undefined) continue;
    const from = before[key];
    const same =
      key === 'registeredAt' && typeof to === 'string'
        ? Date.parse(to) === Date.parse(String(from))
        : from === to;
    if (!same) out[key] = { from, to };
  }
  return out;
}
