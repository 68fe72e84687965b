import type { Role } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { newId } from '../shared/ids';
import { DEFAULT_ITERATIONS, hashPassword, type PasswordHash } from './password';
import { findUserByUsername, insertUser, toSessionUser, type SessionUser } from './users';

export type EnsureUserInput = {
  username: string;
  password: string;
  role: Role;
  storeIds?: string[] | null;
  /** Lower only in tests; production hashes use the default. */
  iterations?: number;
  /** The password's verifier made earlier (the demo ships its users'); skips hashing. */
  verifier?: PasswordHash;
  now?: Date;
};

/**
 * Creates the user unless one with this username exists (then leaves it untouched, so a
 * changed password survives a restart of the demo). Returns the stored user either way.
 */
export const ensureUser = async (sql: SqlPort, input: EnsureUserInput): Promise<SessionUser> => {
  const existing = await findUserByUsername(sql, input.username);
  if (existing) return toSessionUser(existing);
  const { hash, salt } =
    input.verifier ?? (await hashPassword(input.password, input.iterations ?? DEFAULT_ITERATIONS));
  const now = input.now ?? new Date();
  try {
    const row = await insertUser(sql, {
      id: newId(now.getTime()),
      username: input.username,
      passwordHash: hash,
      salt,
      role: input.role,
      storeIds: input.storeIds ?? null,
      createdAt: now,
    });
    return toSessionUser(row);
  } catch (error) {
    // Another hub process starting on the same database made it meanwhile.
    const made = await findUserByUsername(sql, input.username);
    if (made) return toSessionUser(made);
    throw error;
  }
};
