import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '#renderer/api/api-error';
import { onUnauthenticated, send, setSessionToken } from '#renderer/api/client';

type FetchArgs = [string, RequestInit];

const respond = (status: number, body: string, type = 'application/json') =>
  vi.fn(
    async (..._args: FetchArgs) =>
      new Response(body, { status, headers: { 'content-type': type } }),
  );

afterEach(() => {
  vi.unstubAllGlobals();
  setSessionToken(null);
});

describe('send over HTTP', () => {
  it('answers the parsed body and sends the bearer token', async () => {
    const fetch = respond(200, JSON.stringify({ items: [] }));
    vi.stubGlobal('fetch', fetch);
    setSessionToken('abc');
    await expect(send('uploads-list', { id: 'o1' })).resolves.toEqual({ items: [] });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/offers/o1/uploads');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer abc');
  });

  it('wraps a text/csv answer as { csv }', async () => {
    vi.stubGlobal('fetch', respond(200, 'row,reason\n2,bad email\n', 'text/csv'));
    await expect(send('uploads-issues', { id: 'u1' })).resolves.toEqual({
      csv: 'row,reason\n2,bad email\n',
    });
  });

  it('throws the typed error with its code, message and field issues', async () => {
    const body = {
      error: {
        code: 'INVALID_INPUT',
        message: 'input is invalid',
        details: [
          { path: ['discount', 'amount'], message: 'must be a decimal number such as 12.50' },
        ],
      },
    };
    vi.stubGlobal('fetch', respond(400, JSON.stringify(body)));
    const err = await send('offers-create', {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    const e = err as ApiClientError;
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.status).toBe(400);
    expect(e.message).toBe('input is invalid');
    expect(e.fieldIssues).toEqual([
      { path: 'discount.amount', message: 'must be a decimal number such as 12.50' },
    ]);
  });

  it('reports a network failure as UNAVAILABLE with an unknown outcome', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const e = (await send('auth-me', {}).catch((x: unknown) => x)) as ApiClientError;
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.outcomeUnknown).toBe(true);
  });

  it('keeps the HTTP status of a refusal so it is not mistaken for an unknown outcome', async () => {
    vi.stubGlobal(
      'fetch',
      respond(
        503,
        JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'busy', details: null } }),
      ),
    );
    const e = (await send('auth-me', {}).catch((x: unknown) => x)) as ApiClientError;
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.status).toBe(503);
    expect(e.outcomeUnknown).toBe(false);
  });

  it('tells the session when the API says it is no longer signed in', async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    vi.stubGlobal(
      'fetch',
      respond(
        401,
        JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'sign in', details: null } }),
      ),
    );
    await expect(send('auth-me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('send over the Electron bridge', () => {
  it('invokes with the token and turns an error reply into a typed error', async () => {
    const invoke = vi.fn(async (name: string) =>
      name === 'auth-me'
        ? { userId: 'u', username: 'ann', role: 'cashier', storeIds: null }
        : {
            error: { code: 'FORBIDDEN', message: 'cashiers may not create offers', details: null },
          },
    );
    vi.stubGlobal('window', { counterfoil: { invoke, on: () => () => undefined } });
    setSessionToken('t1');
    await expect(send('auth-me', {})).resolves.toMatchObject({ username: 'ann' });
    expect(invoke).toHaveBeenCalledWith('auth-me', {}, { token: 't1' });
    await expect(send('offers-create', {} as never)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'cashiers may not create offers',
    });
  });
});
