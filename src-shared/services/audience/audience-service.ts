import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Customer } from '#shared/domain/customer';
import type { SqlPort } from '#shared/sql/port';
import { findCustomerByRef, refToString } from '../customers/index';
import { requireOffer } from '../offers/index';
import { audit } from '../shared/audit';
import { actorOf } from '../shared/clock';
import { isoOf } from '../shared/values';
import { toCsv } from '../uploads/index';
import { addToAudience, audienceCount, removeFromAudience } from './audience-repo';

type Summary = OpOutput<'audience-get'>;
type Change = OpOutput<'audience-add'>;
type OneCustomer = OpParsedInput<'audience-add'>;

export async function getAudience(sql: SqlPort, offerId: string): Promise<Summary> {
  const offer = await requireOffer(sql, offerId);
  return {
    offerId: offer.id,
    count: await audienceCount(sql, offer.id),
    specificCustomersOnly: offer.issuance.specificCustomersOnly,
  };
}

async function requireCustomer(sql: SqlPort, input: OneCustomer): Promise<Customer> {
  const customer = await findCustomerByRef(sql, input.customer);
  if (customer) return customer;
  const identifier = refToString(input.customer);
  throw new ApiError('NOT_FOUND', `No customer with ${identifier}; register the customer first`, {
    field: 'customer',
    identifier,
  });
}

/**
 * Adds or removes one customer, under the offer row lock (as issuing takes it), so an issuance
 * sees the list either before or after the change. Audited with the identifier as given.
 */
async function change(
  input: OneCustomer,
  ctx: HandlerContext,
  action: 'add' | 'remove',
): Promise<Change> {
  const customer = await requireCustomer(ctx.sql, input);
  const at = ctx.now().toISOString();
  return ctx.sql.transaction(async (tx) => {
    const offer = await requireOffer(tx, input.id, true);
    const changed =
      action === 'add'
        ? (await addToAudience(tx, {
            offerId: offer.id,
            customerIds: [customer.id],
            at,
            by: actorOf(ctx.principal),
            uploadId: null,
          })) > 0
        : await removeFromAudience(tx, offer.id, customer.id);
    if (changed) {
      await audit(tx, {
        at,
        actor: actorOf(ctx.principal),
        action: `audience.${action}`,
        entityType: 'offer',
        entityId: offer.id,
        details: { customer: refToString(input.customer) },
      });
    }
    return {
      offerId: offer.id,
      count: await audienceCount(tx, offer.id),
      specificCustomersOnly: offer.issuance.specificCustomersOnly,
      changed,
    };
  });
}

export const addAudienceCustomer = (input: OneCustomer, ctx: HandlerContext) =>
  change(input, ctx, 'add');
export const removeAudienceCustomer = (input: OneCustomer, ctx: HandlerContext) =>
  change(input, ctx, 'remove');

/** The header of the downloaded list. */
export const AUDIENCE_CSV_FIELDS = [
  'userId',
  'email',
  'mobile',
  'externalId',
  'name',
  'addedAt',
] as const;

/** The list as CSV, oldest first: each customer's identifiers, name and when they were added. */
export async function audienceCsv(sql: SqlPort, offerId: string): Promise<string> {
  const offer = await requireOffer(sql, offerId);
  const rows = await sql.query<{
    user_id: string | null;
    email: string | null;
    mobile: string | null;
    external_id: string | null;
    name: string;
    added_at: unknown;
  }>(
    `SELECT c.user_id, c.email, c.mobile, c.external_id, c.name, a.added_at
       FROM offer_audience a JOIN customers c ON c.id = a.customer_id
      WHERE a.offer_id = $1
      ORDER BY a.added_at, a.customer_id`,
    [offer.id],
  );
  return toCsv(
    AUDIENCE_CSV_FIELDS,
    rows.map((r) => [
      r.user_id ?? '',
      r.email ?? '',
      r.mobile ?? '',
      r.external_id ?? '',
      r.name,
      isoOf(r.added_at),
    ]),
  );
}
