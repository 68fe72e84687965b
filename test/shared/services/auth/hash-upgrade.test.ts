import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import type { HandlerContext } from '#shared/api/handlers';
import { authHandlers } from '#shared/services/auth/handlers';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { createRecordingHandlers } from '../../api/fake-handlers';
import { freshPglite, type TestDb } from '../../../helpers/db';

/** A verifier below the default strength is replaced on sign-in, at the hub only. */
describe('auth: transparent hash upgrade', () => {
  let db: TestDb;
  const dispatch = createDispatcher({ ...createRecordingHandlers().handlers, ...authHandlers });
  const signIn = (username: string, password: string, host: HandlerContext['host']) =>
    dispatch(
      'auth-login',
      { username, password },
      { sql: db.sql, principal: null, now: () => new Date(), host },
    );
  const storedHash = async (username: string) =>
    (
      await db.sql.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE username = $1',
        [username],
      )
    )[0]?.password_hash ?? '';

  beforeAll(async () => {
    db = await freshPglite();
    for (const username of ['old.hub', 'old.till']) {
      await ensureUser(db.sql, {
        username,
        password: `${username}-pw`,
        role: 'cashier',
        iterations: 10_000,
      });
    }
  });
  afterAll(() => db.close());

  it('rehashes at 600,000 iterations at the hub, and the password still works', async () => {
    expect(await storedHash('old.hub')).toMatch(/^pbkdf2-sha256\$10000\$/);
    await signIn('old.hub', 'old.hub-pw', 'hub');
    expect(await storedHash('old.hub')).toMatch(/^pbkdf2-sha256\$600000\$[0-9a-f]{64}$/);
    await expect(signIn('old.hub', 'old.hub-pw', 'hub')).resolves.toMatchObject({
      user: { username: 'old.hub' },
    });
    await expect(signIn('old.hub', 'not-the-pw', 'hub')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('leaves a till replica’s row alone (the hub’s pull owns it)', async () => {
    await signIn('old.till', 'old.till-pw', 'till');
    expect(await storedHash('old.till')).toMatch(/^pbkdf2-sha256\$10000\$/);
  });
});
