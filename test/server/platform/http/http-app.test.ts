import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/api/errors';
import { request, startHarness, type Harness } from './harness';

const redeemBody = { code: 'ABC', billAmount: '10.00', storeId: 'store-1', tillId: 'till-1' };

describe('HTTP app: routing, errors and auth', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      'offers-claim': () => {
        throw new ApiError('CONFLICT', 'offer-1 is already claimed by DVS campaign-2', {
          claimedBy: 'campaign-2',
        });
      },
      'offers-update': () => {
        throw new ApiError('IMMUTABLE_FIELD', 'codeGeneration.method cannot change', {
          field: 'codeGeneration.method',
        });
      },
      'coupons-get': () => {
        throw new Error('database exploded: password=hunter2');
      },
    });
  });
  afterAll(() => h.server.close());

  it('answers health without signing in', async () => {
    const res = await request(h.server, 'GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, host: 'hub', version: 'test' });
  });

  it('401 without a token, with the error body and a Bearer challenge', async () => {
    const res = await request(h.server, 'GET', '/api/v1/offers');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.json).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'sign in to use offers-list', details: null },
    });
    expect(h.calls).toHaveLength(0);
  });

  it('401 for an unknown token and for a header that is not Bearer', async () => {
    const unknown = await request(h.server, 'GET', '/api/v1/offers', { token: 'tok-nobody' });
    expect(unknown.status).toBe(401);
    expect((unknown.json as ApiErrorJson).error.message).toMatch(/invalid or has expired/);
    const basic = await request(h.server, 'GET', '/api/v1/offers', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
    expect((basic.json as ApiErrorJson).error.message).toMatch(/Bearer <token>/);
  });

  it('lets sign-in through without a token, and ignores a stale one there', async () => {
    const body = JSON.stringify({ username: 'ana', password: 'pw' });
    const res = await request(h.server, 'POST', '/api/v1/auth/login', {
      body,
      token: 'tok-expired',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ op: 'auth-login', input: { username: 'ana', password: 'pw' } });
  });

  it('403 for a role the operation does not allow', async () => {
    const res = await request(h.server, 'POST', '/api/v1/offers', {
      token: 'tok-cashier',
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect((res.json as ApiErrorJson).error.code).toBe('FORBIDDEN');
  });

  it('403 for a store outside the user’s scope', async () => {
    const res = await request(h.server, 'POST', '/api/v1/redemptions', {
      token: 'tok-cashier',
      body: JSON.stringify({ ...redeemBody, storeId: 'store-9' }),
    });
    expect(res.status).toBe(403);
    expect((res.json as ApiErrorJson).error.details).toMatchObject({ storeId: 'store-9' });
  });

  it('400 with field details for invalid input', async () => {
    const res = await request(h.server, 'POST', '/api/v1/redemptions/validate', {
      token: 'tok-cashier',
      body: JSON.stringify({ ...redeemBody, billAmount: 'ten' }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: 'billAmount: must be a decimal number such as 12.50',
        details: [{ path: 'billAmount', message: 'must be a decimal number such as 12.50' }],
      },
    });
  });

  it('400 for malformed JSON and for a body that is not an object', async () => {
    for (const body of ['{"code": "ABC",', '[1,2]', '"text"']) {
      const res = await request(h.server, 'POST', '/api/v1/redemptions', {
        token: 'tok-cashier',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, body).toBe(400);
      expect((res.json as ApiErrorJson).error.code).toBe('INVALID_INPUT');
    }
  });

  it('404 as JSON for an unknown API route or method', async () => {
    const route = await request(h.server, 'GET', '/api/v1/no-such-thing', { token: 'tok-admin' });
    expect(route.status).toBe(404);
    expect((route.json as ApiErrorJson).error.code).toBe('NOT_FOUND');
    const method = await request(h.server, 'DELETE', '/api/v1/offers', { token: 'tok-admin' });
    expect(method.status).toBe(404);
  });

  it('409 and 422 from handlers keep their code and details', async () => {
    const conflict = await request(h.server, 'POST', '/api/v1/offers/offer-1/claims', {
      token: 'tok-admin',
      body: JSON.stringify({ consumerType: 'DVS', consumerId: 'c-1', consumerName: 'Bounce' }),
    });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toEqual({
      error: {
        code: 'CONFLICT',
        message: 'offer-1 is already claimed by DVS campaign-2',
        details: { claimedBy: 'campaign-2' },
      },
    });
    const immutable = await request(h.server, 'PATCH', '/api/v1/offers/offer-1', {
      token: 'tok-admin',
      body: JSON.stringify({ name: 'x' }),
    });
    expect(immutable.status).toBe(422);
    expect((immutable.json as ApiErrorJson).error.code).toBe('IMMUTABLE_FIELD');
  });

  it('500 INTERNAL for a bug, without its text', async () => {
    const res = await request(h.server, 'GET', '/api/v1/coupons/ABC', { token: 'tok-cashier' });
    expect(res.status).toBe(500);
    expect((res.json as ApiErrorJson).error.code).toBe('INTERNAL');
    expect(res.text).not.toContain('hunter2');
    expect(h.internalErrors).toHaveLength(1);
  });

  it('takes path params and query on GET (encoded values, repeated keys as lists)', async () => {
    h.calls.length = 0;
    const ref = encodeURIComponent('email:ana+1@example.com');
    await request(h.server, 'GET', `/api/v1/customers/${ref}`, { token: 'tok-cashier' });
    await request(h.server, 'GET', '/api/v1/series?orgEntityType=STORE&orgEntityIds=s1', {
      token: 'tok-cashier',
    });
    await request(
      h.server,
      'GET',
      '/api/v1/series?orgEntityType=ZONE&orgEntityIds=z1&orgEntityIds=z2',
      { token: 'tok-cashier' },
    );
    expect(h.calls.map((c) => c.input)).toEqual([
      { ref: 'email:ana+1@example.com' },
      { orgEntityType: 'STORE', orgEntityIds: ['s1'] },
      { orgEntityType: 'ZONE', orgEntityIds: ['z1', 'z2'] },
    ]);
  });

  it('takes path params and the JSON body on POST; the path wins over a body field', async () => {
    h.calls.length = 0;
    const res = await request(h.server, 'POST', '/api/v1/offers/offer-7/coupons', {
      token: 'tok-back-office',
      body: JSON.stringify({ id: 'offer-other', customer: { userId: '42' } }),
    });
    expect(res.status).toBe(200);
    expect(h.calls[0]?.input).toEqual({ id: 'offer-7', customer: { userId: '42' } });
  });

  it('treats an empty body as {}, so the missing fields are named', async () => {
    h.calls.length = 0;
    const res = await request(h.server, 'POST', '/api/v1/offers/offer-1/revoke', {
      token: 'tok-admin',
      body: '',
    });
    expect(res.status).toBe(400);
    expect((res.json as ApiErrorJson).error.message).toBe('mode: is required');
  });
});

type ApiErrorJson = { error: { code: string; message: string; details: unknown } };
