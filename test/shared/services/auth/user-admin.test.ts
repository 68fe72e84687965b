import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher, type DispatchContext } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { Principal } from '#shared/api/roles';
import { authHandlers } from '#shared/services/auth/handlers';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { resolveToken } from '#shared/services/auth/sessions';
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

eachDialect('auth: disabling and enabling people', (dialect) => {
  let db: TestDb;
  let admin: Principal & { kind: 'user' };
  let danId: string;
  const dispatch = createDispatcher({ ...createRecordingHandlers().handlers, ...authHandlers });
  const ctx = (principal: Principal | null, token?: string): DispatchContext => ({
    sql: db.sql,
    principal,
    now: () => at,
    host: 'hub',
    token,
  });
  const signIn = async (username: string, password: string) =>
    (await dispatch('auth-login', { username, password }, ctx(null))) as { token: string };

  beforeAll(async () => {
    db = await freshDb(dialect);
    admin = {
      kind: 'user',
      ...(await ensureUser(db.sql, {
        username: 'root',
        password: 'root-password',
        role: 'admin',
        iterations: 1000,
      })),
    };
    danId = (
      await ensureUser(db.sql, {
        username: 'dan',
        password: 'dan-password',
        role: 'cashier',
        storeIds: ['S1'],
        iterations: 1000,
      })
    ).userId;
  });
  afterAll(() => db.close());

  it('ends every session of a disabled person at once, and refuses their sign-in', async () => {
    const tills = [await signIn('dan', 'dan-password'), await signIn('dan', 'dan-password')];
    for (const s of tills) expect(await resolveToken(db.sql, s.token, at)).not.toBeNull();

    const out = await dispatch('users-disable', { id: danId, reason: 'left' }, ctx(admin));
    expect(out).toMatchObject({ username: 'dan', disabledAt: at.toISOString() });
    for (const s of tills) expect(await resolveToken(db.sql, s.token, at)).toBeNull();

    const refused = await rejection(
      dispatch('auth-login', { username: 'dan', password: 'dan-password' }, ctx(null)),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('this account is disabled; ask an admin to enable it');
    // A wrong password is answered as for anyone: the state is told only to the password holder.
    const guess = await rejection(
      dispatch('auth-login', { username: 'dan', password: 'not-it' }, ctx(null)),
    );
    expect(guess.code).toBe('UNAUTHENTICATED');
  });

  it('lists people for admins, with when they were disabled and never a hash', async () => {
    const { users } = (await dispatch('users-list', {}, ctx(admin))) as {
      users: Record<string, unknown>[];
    };
    expect(users.map((u) => [u['username'], u['disabledAt']])).toEqual([
      ['dan', at.toISOString()],
      ['root', null],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/pbkdf2|salt|password/);
    const cashier: Principal = { kind: 'user', ...(await ensureUserSummary('dan')) };
    expect((await rejection(dispatch('users-list', {}, ctx(cashier)))).code).toBe('FORBIDDEN');
  });

  it('enables the person again: they sign in, old sessions stay ended', async () => {
    const out = await dispatch('users-enable', { id: danId }, ctx(admin));
    expect(out).toMatchObject({ username: 'dan', disabledAt: null });
    await expect(signIn('dan', 'dan-password')).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it('audits who disabled and enabled whom, and why', async () => {
    const rows = await db.sql.query<{ actor: string; action: string; details: unknown }>(
      `SELECT actor, action, details FROM audit_log WHERE entity_type = 'user' AND entity_id = $1
        ORDER BY id`,
      [danId],
    );
    expect(rows).toEqual([
      {
        actor: 'root',
        action: 'user.disable',
        details: { username: 'dan', sessionsEnded: 2, reason: 'left' },
      },
      { actor: 'root', action: 'user.enable', details: { username: 'dan' } },
    ]);
  });

  it('refuses disabling oneself and unknown people', async () => {
    const self = await rejection(dispatch('users-disable', { id: admin.userId }, ctx(admin)));
    expect(self.code).toBe('CONFLICT');
    expect(self.message).toMatch(/your own account/);
    const ghost = await rejection(dispatch('users-disable', { id: 'nobody' }, ctx(admin)));
    expect(ghost.code).toBe('NOT_FOUND');
  });

  it('signs out: the call’s own token stops working, other sessions go on', async () => {
    const a = await signIn('dan', 'dan-password');
    const b = await signIn('dan', 'dan-password');
    const dan = await resolveToken(db.sql, a.token, at);
    expect(await dispatch('auth-logout', {}, ctx(dan, a.token))).toEqual({ signedOut: true });
    expect(await resolveToken(db.sql, a.token, at)).toBeNull();
    expect(await resolveToken(db.sql, b.token, at)).not.toBeNull();
  });

  async function ensureUserSummary(username: string) {
    return ensureUser(db.sql, { username, password: 'unused', role: 'cashier', iterations: 1 });
  }
});
