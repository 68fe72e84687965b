import type { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { Customer } from '#shared/domain/customer';
import type { Offer, OfferInput } from '#shared/domain/offer';
import { createCustomer } from '#shared/services/customers/customer-service';
import { createOffer } from '#shared/services/offers/offer-create';
import type { SqlPort } from '#shared/sql/port';
import { apiError } from '../support/api-error';
import { offerConfig } from '../support/offer-fixture';
import { useFreshDb } from '../../../helpers/db';
import { buildWorld, type World } from '../support/world';
import { freshDb, type Dialect } from './test-db';

export { apiError };

export type { World };

export const T0 = '2025-03-10T06:30:00.000Z';

/**
 * A world for the coupon services: the support org (S1/S2 in Kolkata on INR, S3 in Dubai on
 * AED, tills T<store>-1/2), the org's zone set to Asia/Kolkata, a clock at 2025-03-10 12:00 IST.
 * Opened through ./test-db for its wider PostgreSQL pool.
 */
export async function makeWorld(dialect: Dialect, at = T0): Promise<World> {
  return buildWorld(await freshDb(dialect), { at, orgSettings: true });
}

/** makeWorld for the enclosing describe block: built in beforeAll, its database closed after. */
export const useCouponWorld = (dialect: Dialect, at = T0): World =>
  useFreshDb(dialect, (db) => buildWorld(db, { at, orgSettings: true }), freshDb);

export async function makeOffer(
  ctx: HandlerContext,
  over: Partial<OfferInput> = {},
): Promise<Offer> {
  return createOffer(offerConfig(over), ctx);
}

let customerSeq = 0;

/** A customer with a unique user id (and email), registered now. */
export async function makeCustomer(
  ctx: HandlerContext,
  over: Partial<{
    userId: string;
    email: string;
    mobile: string;
    externalId: string;
    registeredAt: string;
    transactionCount: number;
  }> = {},
): Promise<Customer> {
  customerSeq++;
  return createCustomer(
    {
      userId: over.userId ?? String(700000 + customerSeq),
      email: over.email,
      mobile: over.mobile,
      externalId: over.externalId,
      name: `Customer ${customerSeq}`,
      registeredAt: over.registeredAt,
      transactionCount: over.transactionCount ?? 0,
      homeStoreId: null,
    },
    ctx,
  );
}

/** Many customers at once (user ids from `first`), straight into the table. */
export async function bulkCustomers(sql: SqlPort, first: number, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = first + i;
    lines.push(`cust-${n},${n},2024-01-01T00:00:00Z`);
  }
  await sql.copyFrom('customers', ['id', 'user_id', 'registered_at'], `${lines.join('\n')}\n`);
}

/** The reason codes of a RULE_FAILED error. */
export function reasonCodes(e: ApiError): string[] {
  const details = e.details as { reasons?: { code: string }[] } | null;
  return (details?.reasons ?? []).map((r) => r.code);
}
