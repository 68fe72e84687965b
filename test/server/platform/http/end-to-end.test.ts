import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '#shared/api/client';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { createHttpClient } from '#shared/api/http-client';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { resolveToken } from '#shared/services/auth/sessions';
import { createHandlers } from '#shared/services/handlers';
import { createHttpApp } from '#server/platform/http/app';
import { listen, type RunningServer } from '#server/platform/http/listen';
import { freshPglite, type TestDb } from '../../../helpers/db';

/** Tuesday noon in Delhi: inside any shop's hours. */
const now = new Date('2025-03-11T06:30:00.000Z');

const refusal = async (p: Promise<unknown>): Promise<ApiError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

/**
 * The whole stack over a real loopback port: HTTP app → dispatcher → every real handler →
 * services → PGlite. An offer is created, a coupon issued, validated (with reasons),
 * redeemed, refused, reversed and redeemed again, by people with their own roles.
 */
describe('HTTP end to end on PGlite with the real handlers', () => {
  let db: TestDb;
  let server: RunningServer;
  let admin: ApiClient;
  let backOffice: ApiClient;
  let cashier: ApiClient;

  const signIn = async (username: string, password: string): Promise<ApiClient> => {
    const { token } = await createHttpClient(server.url).send('auth-login', { username, password });
    return createHttpClient(server.url, token);
  };

  beforeAll(async () => {
    db = await freshPglite();
    const dispatch = bindDispatch(createDispatcher(createHandlers()), {
      sql: db.sql,
      now: () => now,
      host: 'hub',
    });
    const app = createHttpApp({
      dispatch,
      resolvePrincipal: (token) => resolveToken(db.sql, token, now),
    });
    server = await listen(app, { port: 0 });
    const iterations = 1000;
    await ensureUser(db.sql, {
      username: 'root',
      password: 'root-password',
      role: 'admin',
      iterations,
    });
    admin = await signIn('root', 'root-password');

    for (const entity of [
      { id: 'C1', type: 'CONCEPT', name: 'Concept' },
      { id: 'Z1', type: 'ZONE', name: 'North', parentId: 'C1' },
      {
        id: 'S1',
        type: 'STORE',
        name: 'Delhi',
        parentId: 'Z1',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
      },
      {
        id: 'S2',
        type: 'STORE',
        name: 'Noida',
        parentId: 'Z1',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
      },
      { id: 'T1', type: 'TILL', name: 'Till 1', parentId: 'S1' },
      { id: 'T2', type: 'TILL', name: 'Till 2', parentId: 'S2' },
    ] as const) {
      await admin.send('org-create', entity);
    }
    await admin.send('users-create', {
      username: 'bo.one',
      password: 'bo-one-passphrase',
      role: 'back_office',
    });
    await admin.send('users-create', {
      username: 'ana.cashier',
      password: 'cashier-passphrase',
      role: 'cashier',
      storeIds: ['S1'],
    });
    backOffice = await signIn('bo.one', 'bo-one-passphrase');
    cashier = await signIn('ana.cashier', 'cashier-passphrase');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('creates an offer, issues a coupon, validates, redeems, refuses, reverses', async () => {
    await backOffice.send('customers-create', {
      email: 'meera@example.com',
      name: 'Meera',
      registeredAt: '2024-01-01T00:00:00Z',
    });
    const offer = await backOffice.send('offers-create', {
      name: '100 off 500',
      expiry: { type: 'FIXED_DATE', endsAt: '2025-12-31T18:29:59Z' },
      discount: { type: 'FIXED', amount: '100.00', currency: 'INR' },
      codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
      redemption: { minBill: '500.00' },
    });
    expect(offer.name).toBe('100 off 500');

    const issued = await backOffice.send('coupons-issue', {
      id: offer.id,
      customer: { email: 'meera@example.com' },
    });
    const code = issued.coupon.code;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(issued.coupon.status).toBe('ACTIVE');

    const request = {
      code,
      customer: { email: 'meera@example.com' },
      storeId: 'S1',
      tillId: 'T1',
    };
    const small = await cashier.send('redemptions-validate', { ...request, billAmount: '200.00' });
    expect(small.valid).toBe(false);
    expect(small.discount).toBeNull();
    expect(small.reasons.map((r) => r.code)).toContain('BILL_BELOW_MINIMUM');

    const ok = await cashier.send('redemptions-validate', { ...request, billAmount: '800.00' });
    expect(ok).toMatchObject({ valid: true, reasons: [], offerId: offer.id });
    expect(ok.discount).toMatchObject({ amount: '100.00', currency: 'INR' });

    const clientId = '01957e0e-0000-7000-8000-000000000001';
    const redeemed = await cashier.send('redemptions-redeem', {
      ...request,
      billAmount: '800.00',
      clientId,
    });
    expect(redeemed.replayed).toBe(false);
    expect(redeemed.redemption).toMatchObject({
      code,
      discount: '100.00',
      storeId: 'S1',
      tillId: 'T1',
    });
    // A retry of the same redemption (lost answer) never redeems twice.
    const retried = await cashier.send('redemptions-redeem', {
      ...request,
      billAmount: '800.00',
      clientId,
    });
    expect(retried).toEqual({ redemption: redeemed.redemption, replayed: true });

    const again = await cashier.send('redemptions-validate', { ...request, billAmount: '800.00' });
    expect(again.valid).toBe(false);
    expect(again.reasons.length).toBeGreaterThan(0);
    const second = await refusal(
      cashier.send('redemptions-redeem', { ...request, billAmount: '800.00' }),
    );
    expect(second.code).toBe('RULE_FAILED');
    expect(second.status).toBe(422);

    // Store scope: this cashier works at S1 only.
    const elsewhere = await refusal(
      cashier.send('redemptions-redeem', {
        ...request,
        storeId: 'S2',
        tillId: 'T2',
        billAmount: '800.00',
      }),
    );
    expect(elsewhere.code).toBe('FORBIDDEN');

    const reversed = await cashier.send('redemptions-reverse', {
      id: redeemed.redemption.id,
      reason: 'wrong basket',
    });
    expect(reversed.redemption.reversedAt).not.toBeNull();
    const { items } = await cashier.send('coupons-get', { code });
    expect(items[0]).toMatchObject({ code, isReversed: true, status: 'ACTIVE' });

    const afterReversal = await cashier.send('redemptions-validate', {
      ...request,
      billAmount: '800.00',
    });
    expect(afterReversal.valid).toBe(true);
    const list = await backOffice.send('redemptions-list', { storeId: 'S1' });
    expect(list.items.map((r) => r.id)).toContain(redeemed.redemption.id);
  });

  it('refuses what the roles do not allow, over HTTP', async () => {
    const error = await refusal(
      cashier.send('offers-create', {
        name: 'x',
        expiry: { type: 'FIXED_DATE', endsAt: '2025-12-31T00:00:00Z' },
        discount: { type: 'FIXED', amount: '1.00', currency: 'INR' },
        codeGeneration: { method: 'UPLOADED' },
      }),
    );
    expect(error.code).toBe('FORBIDDEN');
    const anonymous = await refusal(createHttpClient(server.url).send('offers-list', {}));
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });
});
