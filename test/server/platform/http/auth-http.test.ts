import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { resolveToken } from '#shared/services/auth/sessions';
import { createHandlers } from '#shared/services/handlers';
import { createHttpApp } from '#server/platform/http/app';
import { listen, type RunningServer } from '#server/platform/http/listen';
import { freshPglite, type TestDb } from '../../../helpers/db';
import { request } from './harness';

/**
 * Sessions over real HTTP (loopback port, real handlers, PGlite): sign-out kills the token,
 * a disabled person's token is refused, and repeated failures answer 429 with Retry-After,
 * keyed on the socket's address.
 */
describe('HTTP: sign-out, disabled people and sign-in throttling', () => {
  let db: TestDb;
  let server: RunningServer;
  let clock = new Date('2025-03-11T06:30:00.000Z').getTime();

  const signIn = async (username: string, password: string) =>
    request(server, 'POST', '/api/v1/auth/login', {
      body: JSON.stringify({ username, password }),
      headers: { 'content-type': 'application/json' },
    });
  const tokenOf = async (username: string, password: string): Promise<string> => {
    const res = await signIn(username, password);
    expect(res.status).toBe(200);
    return (res.json as { token: string }).token;
  };

  beforeAll(async () => {
    db = await freshPglite();
    const now = () => new Date(clock);
    const dispatch = bindDispatch(createDispatcher(createHandlers()), {
      sql: db.sql,
      now,
      host: 'hub',
    });
    const app = createHttpApp({
      dispatch,
      resolvePrincipal: (t) => resolveToken(db.sql, t, now()),
    });
    server = await listen(app, { port: 0 });
    for (const [username, role] of [
      ['root', 'admin'],
      ['eve', 'cashier'],
    ] as const) {
      await ensureUser(db.sql, { username, password: `${username}-pw`, role, iterations: 1000 });
    }
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('POST /auth/logout revokes the token of the call: the next call is 401', async () => {
    const token = await tokenOf('eve', 'eve-pw');
    expect((await request(server, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    const out = await request(server, 'POST', '/api/v1/auth/logout', { token });
    expect(out).toMatchObject({ status: 200, json: { signedOut: true } });
    const after = await request(server, 'GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    expect((await request(server, 'POST', '/api/v1/auth/logout', { token })).status).toBe(401);
  });

  it('a disabled person’s live token answers 401, and their sign-in is refused', async () => {
    const admin = await tokenOf('root', 'root-pw');
    const eve = await tokenOf('eve', 'eve-pw');
    const { users } = (await request(server, 'GET', '/api/v1/users', { token: admin })).json as {
      users: { userId: string; username: string }[];
    };
    const id = users.find((u) => u.username === 'eve')?.userId ?? '';
    const disabled = await request(server, 'POST', `/api/v1/users/${id}/disable`, {
      token: admin,
      body: JSON.stringify({ reason: 'lost badge' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(disabled).toMatchObject({ status: 200, json: { username: 'eve' } });
    expect((await request(server, 'GET', '/api/v1/auth/me', { token: eve })).status).toBe(401);
    const again = await signIn('eve', 'eve-pw');
    expect(again.status).toBe(403);
    expect(again.json).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/disabled; ask an admin/) },
    });
    const enabled = await request(server, 'POST', `/api/v1/users/${id}/enable`, { token: admin });
    expect(enabled).toMatchObject({ status: 200, json: { disabledAt: null } });
    // Back in, eve is still a cashier: disabling people is for admins only.
    const back = await tokenOf('eve', 'eve-pw');
    const rootId = users.find((u) => u.username === 'root')?.userId ?? '';
    const denied = await request(server, 'POST', `/api/v1/users/${rootId}/disable`, {
      token: back,
    });
    expect(denied.status).toBe(403);
  });

  it('answers the 6th wrong password with 429 and a Retry-After header', async () => {
    clock += 3_600_000;
    for (let i = 0; i < 5; i += 1) expect((await signIn('eve', 'wrong')).status).toBe(401);
    const sixth = await signIn('eve', 'wrong');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('1');
    expect(sixth.json).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } },
    });
    // The socket's address was counted too (loopback here).
    const rows = await db.sql.query<{ subject: string }>(
      `SELECT subject FROM sign_in_throttle WHERE scope = 'address'`,
    );
    expect(rows.map((r) => r.subject)).toContain('127.0.0.1');
    clock += 1000;
    expect((await signIn('eve', 'eve-pw')).status).toBe(200);
  });
});
