import { ApiError } from '#shared/api/errors';
import type { Role } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { isUniqueViolation } from '../shared/errors';
import { newId } from '../shared/ids';
import { hashPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { findUserByUsername, insertUser, toSessionUser, type SessionUser } from './users';

export type CreateUserInput = {
  username: string;
  password: string;
  role: Role;
  storeIds: string[] | null;
};

const taken = (username: string) =>
  new ApiError('CONFLICT', `username ${username} is taken; choose another`, {
    field: 'username',
  });

/**
 * Adds a person after checking the password policy (users-create and `counterfoil users
 * create` alike), and audits who did it. The demo's users are made by ensureUser instead:
 * their passwords are published, so the policy would only get in the way there.
 */
export const createUser = async (
  sql: SqlPort,
  input: CreateUserInput,
  by: { actor: string; now: Date },
): Promise<SessionUser> => {
  assertPasswordPolicy(input.password);
  // Checked before hashing so a taken name is answered without a second of PBKDF2.
  if (await findUserByUsername(sql, input.username)) throw taken(input.username);
  const { hash, salt } = await hashPassword(input.password);
  try {
    return await sql.transaction(async (tx) => {
      const row = await insertUser(tx, {
        id: newId(by.now.getTime()),
        username: input.username,
        passwordHash: hash,
        salt,
        role: input.role,
        storeIds: input.storeIds,
        createdAt: by.now,
      });
      await audit(tx, {
        at: by.now.toISOString(),
        actor: by.actor,
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        details: { username: row.username, role: input.role, storeIds: input.storeIds },
      });
      return toSessionUser(row);
    });
  } catch (error) {
    // Two admins racing for one name: the unique index decides.
    if (isUniqueViolation(error)) throw taken(input.username);
    throw error;
  }
};
