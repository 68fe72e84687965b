import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startHarness, type Harness } from './harness';

type ErrorJson = {
  error: { code: string; message: string; details: { path: string; message: string }[] };
};

/**
 * Text PostgreSQL cannot store (NUL), bytes that are not UTF-8 and lone surrogates are refused
 * at the HTTP boundary with 400 INVALID_INPUT naming the field, before any handler runs.
 */
describe('HTTP app: text that cannot be stored is a 400 naming the field', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.server.close());

  const expectRefused = (
    res: { status: number; json: unknown },
    path: string,
    message: RegExp,
  ): void => {
    expect(res.status).toBe(400);
    const { error } = res.json as ErrorJson;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details[0]?.path).toBe(path);
    expect(error.details[0]?.message).toMatch(message);
    expect(h.calls).toHaveLength(0);
  };

  const post = (path: string, body: string | Buffer, method = 'POST') =>
    request(h.server, method, path, {
      token: 'tok-admin',
      body,
      headers: { 'content-type': 'application/json' },
    });

  it('a NUL escape in a nested JSON string', async () => {
    const body = JSON.stringify({ customer: { email: 'ana\u0000@example.com' } });
    expectRefused(await post('/api/v1/offers/o-1/coupons', body), 'customer.email', /NUL/);
  });

  it('a NUL in a field name', async () => {
    const body = '{"customer":{"userId":"1"},"co\\u0000de":"x"}';
    expectRefused(await post('/api/v1/offers/o-1/coupons', body), 'co\u0000de', /NUL/);
  });

  it('a lone surrogate escape (no UTF-8 form) in a list item', async () => {
    const body = '{"rates":[{"from":"USD","to":"INR","rate":"1","effectiveFrom":"\\ud800"}]}';
    const res = await post('/api/v1/currency-rates', body, 'PUT');
    expectRefused(res, 'rates.0.effectiveFrom', /surrogate/);
  });

  it('bytes that are not UTF-8 inside a JSON string, naming where they landed', async () => {
    const body = Buffer.concat([
      Buffer.from('{"customer":{"userId":"1"},"code":"AB'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    expectRefused(await post('/api/v1/offers/o-1/coupons', body), 'code', /not valid UTF-8/);
  });

  it('well-formed non-ASCII text (accents, emoji) passes untouched', async () => {
    const code = 'CAFÉ-😀-ĐŽ';
    const body = JSON.stringify({ customer: { userId: '1' }, code });
    const res = await post('/api/v1/offers/o-1/coupons', body);
    expect(res.status).toBe(200);
    expect(h.calls.at(-1)?.input).toMatchObject({ code });
    h.calls.length = 0;
  });

  it('NUL, a malformed escape and invalid UTF-8 in a path parameter', async () => {
    for (const raw of ['a%00b', '%ff', '%C3%28', '%E0%A4%A', '%ED%A0%80']) {
      const res = await request(h.server, 'GET', `/api/v1/offers/${raw}`, { token: 'tok-admin' });
      expectRefused(res, 'id', /NUL|percent-encoded UTF-8/);
    }
  });

  it('NUL and invalid UTF-8 in a query value or key', async () => {
    expectRefused(
      await request(h.server, 'GET', '/api/v1/offers?q=ab%00cd', { token: 'tok-admin' }),
      'q',
      /NUL/,
    );
    expectRefused(
      await request(h.server, 'GET', '/api/v1/offers?q=%ff', { token: 'tok-admin' }),
      'q',
      /percent-encoded UTF-8/,
    );
    expectRefused(
      await request(h.server, 'GET', '/api/v1/offers?%ff=1', { token: 'tok-admin' }),
      '%ff',
      /percent-encoded UTF-8/,
    );
  });

  it('keeps ordinary query decoding: + is a space, repeated keys are lists', async () => {
    const res = await request(
      h.server,
      'GET',
      '/api/v1/series?orgEntityType=STORE&orgEntityIds=s+1&orgEntityIds=s%2F2',
      { token: 'tok-admin' },
    );
    expect(res.status).toBe(200);
    expect(h.calls.at(-1)?.input).toEqual({ orgEntityType: 'STORE', orgEntityIds: ['s 1', 's/2'] });
    h.calls.length = 0;
  });

  it('a NUL or invalid UTF-8 in a CSV upload, naming the line', async () => {
    const csv = (bytes: Buffer) =>
      request(h.server, 'POST', '/api/v1/offers/o-1/uploads', {
        token: 'tok-admin',
        body: bytes,
        headers: { 'content-type': 'text/csv' },
      });
    expectRefused(
      await csv(Buffer.from('email\nana@example.com\nbo\u0000@example.com\n')),
      'csv',
      /NUL character \(U\+0000\) on line 3/,
    );
    expectRefused(
      await csv(
        Buffer.concat([Buffer.from('email\nb'), Buffer.from([0xc3]), Buffer.from('@x.com\n')]),
      ),
      'csv',
      /not valid UTF-8 \(line 2\)/,
    );
  });
});
