import { ApiError } from '#shared/api/errors';
import type { OpOutput } from '#shared/api/operations';
import type { SqlPort } from '#shared/sql/port';
import {
  assertPasswordPolicy,
  createSession,
  hashPassword,
  insertUser,
  toSessionUser,
} from '../auth/index';
import { audit } from '../shared/audit';
import { newId } from '../shared/ids';
import { readSyncState } from '../sync/index';

const someoneExists = () =>
  new ApiError(
    'CONFLICT',
    'Someone has already been set up on this till, so there is no first admin to create: sign in instead',
    { reason: 'HAS_USERS' },
  );

/** Refuses first-run actions on a hub (reachable from the network) and on a till that follows one. */
export const assertStandaloneTill = async (sql: SqlPort, host: 'till' | 'hub'): Promise<void> => {
  if (host === 'hub') {
    throw new ApiError(
      'FORBIDDEN',
      'A hub gets its first admin from the command line where it runs: counterfoil users create --role admin --username NAME',
    );
  }
  const { hubUrl } = await readSyncState(sql);
  if (hubUrl !== null) {
    throw new ApiError(
      'FORBIDDEN',
      `This till follows the hub at ${hubUrl}: its people come from the hub; sign in with your hub account`,
      { reason: 'FOLLOWS_HUB' },
    );
  }
};

/**
 * The first admin of a standalone till, signed in at once. Only while nobody exists: two
 * screens racing both hash a password, but the table lock makes the second see the first's row
 * and get CONFLICT, so there is never a second "first" admin.
 */
export async function createFirstAdmin(
  sql: SqlPort,
  input: { username: string; password: string },
  o: { host: 'till' | 'hub'; now: Date },
): Promise<OpOutput<'setup-first-admin'>> {
  await assertStandaloneTill(sql, o.host);
  assertPasswordPolicy(input.password);
  if ((await sql.query('SELECT 1 FROM users LIMIT 1')).length > 0) throw someoneExists();
  const { hash, salt } = await hashPassword(input.password);
  const user = await sql.transaction(async (tx) => {
    // Blocks other writers of users until commit; the check below then sees any racer's row.
    await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    if ((await tx.query('SELECT 1 FROM users LIMIT 1')).length > 0) throw someoneExists();
    const row = await insertUser(tx, {
      id: newId(o.now.getTime()),
      username: input.username,
      passwordHash: hash,
      salt,
      role: 'admin',
      storeIds: null,
      createdAt: o.now,
    });
    await audit(tx, {
      at: o.now.toISOString(),
      actor: 'first-run',
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      details: { username: row.username, role: 'admin', storeIds: null, firstAdmin: true },
    });
    return toSessionUser(row);
  });
  const { token } = await createSession(sql, user.userId, o.now);
  return { token, user };
}
