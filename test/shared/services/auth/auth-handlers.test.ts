import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher, type DispatchContext } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { Principal } from '#shared/api/roles';
import { authHandlers } from '#shared/services/auth/handlers';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { sha256Hex } from '#shared/services/auth/bytes';
import { createSession, resolveToken, SESSION_TTL_MS } from '#shared/services/auth/sessions';
import { createRecordingHandlers } from '../../api/fake-handlers';
import { eachDialect, freshDb, type TestDb } from '../../../helpers/db';

const at = new Date('2025-03-10T06:30:00.000Z');

const rejection = async (p: Promise<unknown>): Promise<ApiError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

eachDialect('auth: sign-in, sessions and users', (dialect) => {
  let db: TestDb;
  let admin: Principal;
  // The real dispatcher, with the real auth handlers and recording fakes for the rest.
  const dispatch = createDispatcher({ ...createRecordingHandlers().handlers, ...authHandlers });
  const ctx = (principal: Principal | null): DispatchContext => ({
    sql: db.sql,
    principal,
    now: () => at,
    host: 'hub',
  });

  beforeAll(async () => {
    db = await freshDb(dialect);
    const user = await ensureUser(db.sql, {
      username: 'admin',
      password: 'admin-password',
      role: 'admin',
      iterations: 1000,
    });
    admin = { kind: 'user', ...user };
    await ensureUser(db.sql, {
      username: 'ana',
      password: 'ana-password',
      role: 'cashier',
      storeIds: ['store-1', 'store-2'],
      iterations: 1000,
    });
  });
  afterAll(() => db.close());

  it('signs in with the right password: a 32-byte hex token and the user', async () => {
    const out = (await dispatch(
      'auth-login',
      { username: 'ana', password: 'ana-password' },
      ctx(null),
    )) as { token: string; user: unknown };
    expect(out.token).toMatch(/^[0-9a-f]{64}$/);
    expect(out.user).toEqual({
      userId: expect.any(String),
      username: 'ana',
      role: 'cashier',
      storeIds: ['store-1', 'store-2'],
    });
    const principal = await resolveToken(db.sql, out.token, at);
    expect(principal).toEqual({ kind: 'user', ...(out.user as object) });
  });

  it('stores only the SHA-256 of the token', async () => {
    const { token } = await createSession(db.sql, admin.kind === 'user' ? admin.userId : '', at);
    const rows = await db.sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE token_hash = $1 OR token_hash = $2',
      [token, await sha256Hex(token)],
    );
    expect(rows).toEqual([{ token_hash: await sha256Hex(token) }]);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await rejection(
      dispatch('auth-login', { username: 'ana', password: 'nope-nope' }, ctx(null)),
    );
    const unknown = await rejection(
      dispatch('auth-login', { username: 'nobody', password: 'nope-nope' }, ctx(null)),
    );
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(wrong.status).toBe(401);
    expect(unknown.toBody()).toEqual(wrong.toBody());
  });

  it('forgets sessions once they expire, and unknown or malformed tokens', async () => {
    const out = (await dispatch(
      'auth-login',
      { username: 'ana', password: 'ana-password' },
      ctx(null),
    )) as { token: string };
    const justBefore = new Date(at.getTime() + SESSION_TTL_MS - 1);
    const atExpiry = new Date(at.getTime() + SESSION_TTL_MS);
    expect(await resolveToken(db.sql, out.token, justBefore)).not.toBeNull();
    expect(await resolveToken(db.sql, out.token, atExpiry)).toBeNull();
    expect(await resolveToken(db.sql, 'f'.repeat(64), at)).toBeNull();
    expect(await resolveToken(db.sql, "' OR 1=1 --", at)).toBeNull();
  });

  it('answers auth-me from the users table', async () => {
    const me = await dispatch('auth-me', {}, ctx(admin));
    expect(me).toEqual({
      userId: (admin as { userId: string }).userId,
      username: 'admin',
      role: 'admin',
      storeIds: null,
    });
    const ghost: Principal = {
      kind: 'user',
      userId: 'gone',
      username: 'gone',
      role: 'cashier',
      storeIds: null,
    };
    expect((await rejection(dispatch('auth-me', {}, ctx(ghost)))).code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin add a user who can then sign in; the name must be free', async () => {
    const created = await dispatch(
      'users-create',
      { username: 'bo.one', password: 'back-office-passphrase', role: 'back_office' },
      ctx(admin),
    );
    expect(created).toEqual({
      userId: expect.any(String),
      username: 'bo.one',
      role: 'back_office',
      storeIds: null,
    });
    const login = (await dispatch(
      'auth-login',
      { username: 'bo.one', password: 'back-office-passphrase' },
      ctx(null),
    )) as { user: unknown };
    expect(login.user).toEqual(created);

    const duplicate = await rejection(
      dispatch(
        'users-create',
        { username: 'bo.one', password: 'another-passphrase', role: 'cashier' },
        ctx(admin),
      ),
    );
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.details).toEqual({ field: 'username' });
  });

  it('keeps users-create to admins and validates the username', async () => {
    const cashier = await resolveToken(
      db.sql,
      (
        (await dispatch(
          'auth-login',
          { username: 'ana', password: 'ana-password' },
          ctx(null),
        )) as { token: string }
      ).token,
      at,
    );
    const forbidden = await rejection(
      dispatch(
        'users-create',
        { username: 'x.y.z', password: 'long-enough-passphrase', role: 'admin' },
        ctx(cashier),
      ),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    const invalid = await rejection(
      dispatch(
        'users-create',
        { username: 'No Spaces', password: 'long-enough-passphrase', role: 'admin' },
        ctx(admin),
      ),
    );
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.message).toMatch(/^username: /);
  });

  it('ensureUser leaves an existing user untouched', async () => {
    const again = await ensureUser(db.sql, {
      username: 'ana',
      password: 'a-new-password',
      role: 'admin',
      iterations: 1000,
    });
    expect(again.role).toBe('cashier');
    await expect(
      dispatch('auth-login', { username: 'ana', password: 'ana-password' }, ctx(null)),
    ).resolves.toMatchObject({ user: { username: 'ana' } });
  });
});
