import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpParsedInput } from '#shared/api/operations';
import { identifierKind, type Customer, type CustomerPatch } from '#shared/domain/customer';
import { reason, type Reason } from '#shared/domain/reasons';
import { validateIdentifier } from '#shared/engine/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { invalidInput, isUniqueViolation } from '../shared/errors';
import {
  changeConflicts,
  changedFields,
  futureRegistrationReason,
  writeChanges,
} from './customer-changes';
import { customerColumns, customerFromRow, type CustomerRow } from './customer-row';
import { getCustomer } from './customer-service';

/**
 * Changes one registered customer (found by any identifier or id): identifiers, name,
 * registration date, transaction count, home store. Only the fields given change; the change
 * is audited field by field. Nothing changes when any part is refused.
 */
export async function updateCustomer(
  input: OpParsedInput<'customers-update'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<Customer> {
  const { ref, ...given } = input;
  const patch: CustomerPatch = { ...given };
  const reasons: Reason[] = [];
  for (const kind of identifierKind.options) {
    const raw = given[kind];
    if (raw === undefined || raw === null) continue;
    const checked = validateIdentifier(kind, raw);
    if (checked.ok) patch[kind] = checked.value;
    else reasons.push(...checked.reasons);
  }
  const at = nowIso(ctx);
  if (given.registeredAt !== undefined) {
    const future = futureRegistrationReason(
      given.registeredAt,
      Date.parse(given.registeredAt),
      Date.parse(at),
    );
    if (future) reasons.push(future);
  }
  if (Object.values(patch).every((v) => v === undefined)) {
    reasons.push(
      reason(
        'NOTHING_TO_CHANGE',
        'give at least one field to change: an identifier, name, registeredAt, transactionCount or homeStoreId',
        'ref',
      ),
    );
  }
  if (reasons.length > 0) throw invalidInput(reasons);
  const found = await getCustomer(ctx.sql, ref);
  try {
    return await ctx.sql.transaction(async (tx) => {
      const [locked] = await tx.query<CustomerRow>(
        `SELECT ${customerColumns} FROM customers c WHERE c.id = $1 FOR UPDATE`,
        [found.id],
      );
      const before = customerFromRow(locked as CustomerRow);
      const [problems = []] = await changeConflicts(tx, [{ customer: before, patch }]);
      const taken = problems.filter((p) => p.code === 'IDENTIFIER_TAKEN');
      if (taken.length > 0) {
        throw new ApiError('CONFLICT', taken.map((p) => p.message).join('; '), {
          reasons: taken,
        });
      }
      if (problems.length > 0) throw invalidInput(problems);
      const [after] = await writeChanges(tx, [{ customer: before, patch }]);
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: 'customer.update',
        entityType: 'customer',
        entityId: before.id,
        details: { changes: changedFields(before, patch) },
      });
      return after as Customer;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Lost a race for an identifier to a registration committed meanwhile.
    throw new ApiError(
      'CONFLICT',
      'Another customer took one of these identifiers a moment ago; look the identifiers up and try again',
      { ref },
    );
  }
}
