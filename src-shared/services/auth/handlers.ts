import { ApiError } from '../../api/errors';
import type { HandlerGroup } from '../../api/handlers';
import { newId } from '../shared/ids';
import { hashPassword, verifyPassword } from './password';
import { createSession } from './sessions';
import { findUserById, findUserByUsername, insertUser, toSessionUser } from './users';

// Verifying against this when the username is unknown keeps both failures equally slow,
// so response time does not reveal which usernames exist.
let decoy: Promise<{ hash: string; salt: string }> | null = null;
const decoyHash = () => (decoy ??= hashPassword('decoy password'));

const wrongCredentials = () =>
  new ApiError('UNAUTHENTICATED', 'username or password is incorrect', { field: 'password' });

/** Unique-violation from either driver (PostgreSQL SQLSTATE 23505). */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

export const authHandlers: HandlerGroup<'auth-login' | 'auth-me' | 'users-create'> = {
  'auth-login': async (input, ctx) => {
    const user = await findUserByUsername(ctx.sql, input.username);
    if (!user) {
      const { hash, salt } = await decoyHash();
      await verifyPassword(input.password, salt, hash);
      throw wrongCredentials();
    }
    if (!(await verifyPassword(input.password, user.salt, user.password_hash))) {
      throw wrongCredentials();
    }
    const { token } = await createSession(ctx.sql, user.id, ctx.now());
    return { token, user: toSessionUser(user) };
  },

  'auth-me': async (_input, ctx) => {
    const principal = ctx.principal;
    if (principal.kind !== 'user') {
      throw new ApiError('UNAUTHENTICATED', 'auth-me answers for people, not devices');
    }
    // Read back from the table so a role change since sign-in shows at once.
    const row = await findUserById(ctx.sql, principal.userId);
    if (!row) throw new ApiError('UNAUTHENTICATED', `user ${principal.username} no longer exists`);
    return toSessionUser(row);
  },

  'users-create': async (input, ctx) => {
    if (await findUserByUsername(ctx.sql, input.username)) {
      throw new ApiError('CONFLICT', `username ${input.username} is taken; choose another`, {
        field: 'username',
      });
    }
    const { hash, salt } = await hashPassword(input.password);
    const now = ctx.now();
    try {
      const row = await insertUser(ctx.sql, {
        id: newId(now.getTime()),
        username: input.username,
        passwordHash: hash,
        salt,
        role: input.role,
        storeIds: input.storeIds,
        createdAt: now,
      });
      return toSessionUser(row);
    } catch (error) {
      // Two admins racing for one name: the unique index decides.
      if (isUniqueViolation(error)) {
        throw new ApiError('CONFLICT', `username ${input.username} is taken; choose another`, {
          field: 'username',
        });
      }
      throw error;
    }
  },
};
