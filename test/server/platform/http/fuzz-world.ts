import { callOperation } from './api-call';
import type { KnownValues } from './fuzz-arbitrary';
import type { HubFixture } from './hub-fixture';

const inAYear = (): string => new Date(Date.now() + 365 * 86_400_000).toISOString();

/**
 * A few real rows on the fixture hub (two offers, a customer with a coupon, a redemption, an
 * upload), created over HTTP as the admin, and their ids by the field names inputs use.
 */
export async function seedFuzzWorld(hub: HubFixture): Promise<KnownValues> {
  const admin = hub.tokens.admin;
  const call = async (
    name: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> => {
    const res = await callOperation(hub.server, name, input, admin);
    if (res.status !== 200)
      throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json as Record<string, unknown>;
  };
  const offer = await call('offers-create', {
    name: 'Fuzz ten off',
    expiry: { type: 'FIXED_DATE', endsAt: inAYear() },
    discount: { type: 'FIXED', amount: '10.00', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
  });
  const uploaded = await call('offers-create', {
    name: 'Fuzz uploaded codes',
    expiry: { type: 'FIXED_DATE', endsAt: inAYear() },
    discount: { type: 'PERCENT', percent: '10' },
    codeGeneration: { method: 'UPLOADED' },
  }).catch(() => null);
  const email = 'fuzz@example.com';
  const customer = await call('customers-create', { email, name: 'Fuzz' });
  const issued = (await call('coupons-issue', { id: offer.id, customer: { email } })) as {
    coupon: { id: string; code: string };
  };
  const redeemed = (await call('redemptions-redeem', {
    code: issued.coupon.code,
    customer: { email },
    billAmount: '100.00',
    storeId: 'S1',
    tillId: 'T1',
  }).catch(() => null)) as { redemption: { id: string } } | null;
  const upload = await call('uploads-create', {
    id: offer.id,
    csv: `email\n${email}\nnot-an-email\n`,
    kind: 'CUSTOMERS',
  });

  const ids = (...values: unknown[]): string[] =>
    values.filter((v): v is string => typeof v === 'string');
  const redemptionId = redeemed?.redemption.id;
  return {
    id: ids(offer.id, issued.coupon.id, redemptionId, upload.id, uploaded?.id),
    offerId: ids(offer.id, uploaded?.id),
    couponId: ids(issued.coupon.id),
    redemptionId: ids(redemptionId),
    customerId: ids(customer.id),
    code: ids(issued.coupon.code),
    ref: ids(`email:${email}`, customer.id),
    email: [email],
    storeId: ['S1'],
    tillId: ['T1'],
    // Never the admin: the fuzz signs in as the admin throughout.
    username: ['cashier', 'back.office'],
  };
}
