import type { Customer, IdentifierKind } from '#shared/domain/customer';
import type { SqlRow } from '#shared/sql/port';
import { isoOf, numOf, strOrNull } from '../shared/values';

export const customerColumns = /* sql */ `c.id, c.user_id, c.email, c.mobile, c.external_id,
  c.name, c.registered_at, c.transaction_count, c.home_store_id`;

/** The customers column holding each identifier kind (code constants, never user input). */
export const identifierColumn: Record<IdentifierKind, string> = {
  userId: 'user_id',
  email: 'email',
  mobile: 'mobile',
  externalId: 'external_id',
};

export type CustomerRow = SqlRow & {
  id: string;
  user_id: string | null;
  email: string | null;
  mobile: string | null;
  external_id: string | null;
  name: string;
  registered_at: unknown;
  transaction_count: unknown;
  home_store_id: string | null;
};

export function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    userId: strOrNull(row.user_id),
    email: strOrNull(row.email),
    mobile: strOrNull(row.mobile),
    externalId: strOrNull(row.external_id),
    name: row.name,
    registeredAt: isoOf(row.registered_at),
    transactionCount: numOf(row.transaction_count),
    homeStoreId: strOrNull(row.home_store_id),
  };
}
