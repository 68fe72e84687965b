import { afterEach, describe, expect, it, vi } from 'vitest';
import { send, setSessionToken } from '#renderer/api/client';
import { useAuth } from '#renderer/features/auth/auth-store';

type FetchArgs = [string, RequestInit];

const user = { userId: 'u1', username: 'ana', role: 'cashier' as const, storeIds: null };

const signedIn = () => {
  setSessionToken('tok-ana');
  useAuth.setState({ token: 'tok-ana', user, notice: null });
};

afterEach(() => {
  vi.unstubAllGlobals();
  setSessionToken(null);
  useAuth.setState({ token: null, user: null, notice: null });
});

describe('sign-out in the app', () => {
  it('revokes the token at the server, then forgets it here', async () => {
    const fetch = vi.fn(
      async (..._args: FetchArgs) =>
        new Response(JSON.stringify({ signedOut: true }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    signedIn();
    await useAuth.getState().signOut();
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/auth/logout');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok-ana');
    expect(useAuth.getState()).toMatchObject({ token: null, user: null });
    // Later calls carry no token.
    await send('auth-me', {}).catch(() => undefined);
    const [, later] = fetch.mock.calls[1] ?? [];
    expect((later?.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('signs out here even when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    signedIn();
    await useAuth.getState().signOut('Signed out.');
    expect(useAuth.getState()).toMatchObject({ token: null, user: null, notice: 'Signed out.' });
  });

  it('does not call the server again when it says the session is already over', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'expired', details: null } }),
          { status: 401, headers: { 'content-type': 'application/json' } },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    signedIn();
    await send('auth-me', {}).catch(() => undefined);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(useAuth.getState()).toMatchObject({
      token: null,
      notice: 'Your session has ended. Please sign in again.',
    });
  });
});
