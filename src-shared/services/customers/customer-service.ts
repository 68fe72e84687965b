import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpParsedInput } from '#shared/api/operations';
import { identifierKind, type Customer, type IdentifierKind } from '#shared/domain/customer';
import { reason, type Reason } from '#shared/domain/reasons';
import { validateIdentifier } from '#shared/engine/index';
import type { SqlPort } from '#shared/sql/port';
import { actorOf, nowIso } from '../shared/clock';
import { audit } from '../shared/audit';
import { invalidInput, isUniqueViolation } from '../shared/errors';
import { newId } from '../shared/ids';
import {
  customerColumns,
  customerFromRow,
  findCustomerByIdentifier,
  findCustomerByRef,
  type CustomerRow,
} from './customer-repo';
import { parseRefString } from './identifiers';

const kinds = identifierKind.options;

const taken = (kind: IdentifierKind, value: string, holder: string): ApiError =>
  new ApiError(
    'CONFLICT',
    `${kind} ${value} is already registered to customer ${holder}; look that customer up instead`,
    { field: kind, value, customerId: holder },
  );

/**
 * Registers a customer: at least one identifier, each normalised and validated (user id,
 * email, mobile, external id), none already held by another customer.
 */
export async function createCustomer(
  input: OpParsedInput<'customers-create'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<Customer> {
  const reasons: Reason[] = [];
  const ids: Partial<Record<IdentifierKind, string>> = {};
  for (const kind of kinds) {
    const raw = input[kind];
    if (raw === undefined) continue;
    const checked = validateIdentifier(kind, raw);
    if (checked.ok) ids[kind] = checked.value;
    else reasons.push(...checked.reasons);
  }
  if (reasons.length === 0 && Object.keys(ids).length === 0) {
    reasons.push(
      reason(
        'IDENTIFIER_REQUIRED',
        'give at least one identifier: userId, email, mobile or externalId',
        'userId',
      ),
    );
  }
  if (reasons.length > 0) throw invalidInput(reasons);
  const at = nowIso(ctx);
  try {
    return await ctx.sql.transaction(async (tx) => {
      // One statement checks every identifier (each column has its unique index).
      const holders = await tx.query<CustomerRow>(
        `SELECT ${customerColumns} FROM customers c
          WHERE c.user_id = $1 OR c.email = $2 OR c.mobile = $3 OR c.external_id = $4`,
        [ids.userId ?? null, ids.email ?? null, ids.mobile ?? null, ids.externalId ?? null],
      );
      for (const kind of kinds) {
        const value = ids[kind];
        const holder = holders
          .map(customerFromRow)
          .find((h) => value !== undefined && h[kind] === value);
        if (holder && value !== undefined) throw taken(kind, value, holder.id);
      }
      if (input.homeStoreId !== null) await requireStore(tx, input.homeStoreId);
      const id = newId(ctx.now().getTime());
      const [row] = await tx.query<CustomerRow>(
        `INSERT INTO customers AS c (id, user_id, email, mobile, external_id, name, registered_at,
                                     transaction_count, home_store_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING ${customerColumns}`,
        [
          id,
          ids.userId ?? null,
          ids.email ?? null,
          ids.mobile ?? null,
          ids.externalId ?? null,
          input.name,
          input.registeredAt ?? at,
          input.transactionCount,
          input.homeStoreId,
          at,
        ],
      );
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: 'customer.create',
        entityType: 'customer',
        entityId: id,
      });
      return customerFromRow(row as CustomerRow);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Lost a race for an identifier: name whichever one the winner holds now.
      for (const kind of kinds) {
        const value = ids[kind];
        if (value === undefined) continue;
        const holder = await findCustomerByIdentifier(ctx.sql, kind, value);
        if (holder) throw taken(kind, value, holder.id);
      }
    }
    throw error;
  }
}

async function requireStore(sql: SqlPort, storeId: string): Promise<void> {
  const rows = await sql.query<{ type: string }>('SELECT type FROM org_entities WHERE id = $1', [
    storeId,
  ]);
  if (rows[0]?.type !== 'STORE') {
    throw invalidInput([
      reason('UNKNOWN_ORG_ENTITY', `store ${storeId} does not exist`, 'homeStoreId'),
    ]);
  }
}

/** A customer by "kind:value" or id; NOT_FOUND names the reference as given. */
export async function getCustomer(sql: SqlPort, ref: string): Promise<Customer> {
  const parsed = parseRefString(ref);
  if (parsed.kind !== 'id') {
    const checked = validateIdentifier(parsed.kind, parsed.value);
    if (!checked.ok) throw invalidInput(checked.reasons.map((r) => ({ ...r, field: 'ref' })));
  }
  const found = await findCustomerByRef(sql, ref);
  if (!found) {
    throw new ApiError('NOT_FOUND', `No customer matches ${ref}`, { what: 'Customer', ref });
  }
  return found;
}
