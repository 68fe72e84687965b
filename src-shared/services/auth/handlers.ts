import { ApiError } from '#shared/api/errors';
import type { HandlerGroup } from '#shared/api/handlers';
import { actorOf } from '../shared/clock';
import { createUser } from './create-user';
import { endSession } from './sessions';
import { signIn } from './sign-in';
import { disableUser, enableUser, listUsers } from './user-admin';
import { findUserById, toSessionUser } from './users';

export const authHandlers: HandlerGroup<
  | 'auth-login'
  | 'auth-logout'
  | 'auth-me'
  | 'users-create'
  | 'users-list'
  | 'users-disable'
  | 'users-enable'
> = {
  'auth-login': (input, ctx) => signIn(input, ctx),

  'auth-logout': async (_input, ctx) => {
    // In-process callers have no token: nothing to revoke, and nothing to pretend about.
    if (!ctx.token) return { signedOut: false };
    return { signedOut: await endSession(ctx.sql, ctx.token) };
  },

  'auth-me': async (_input, ctx) => {
    const principal = ctx.principal;
    if (principal.kind !== 'user') {
      throw new ApiError('UNAUTHENTICATED', 'auth-me answers for people, not devices');
    }
    // Read back from the table so a role change since sign-in shows at once.
    const row = await findUserById(ctx.sql, principal.userId);
    if (!row) throw new ApiError('UNAUTHENTICATED', `user ${principal.username} no longer exists`);
    if (row.disabled_at !== null && row.disabled_at !== undefined) {
      throw new ApiError('UNAUTHENTICATED', 'this account is disabled; ask an admin to enable it');
    }
    return toSessionUser(row);
  },

  'users-create': (input, ctx) =>
    createUser(ctx.sql, input, { actor: actorOf(ctx.principal), now: ctx.now() }),

  'users-list': async (_input, ctx) => ({ users: await listUsers(ctx.sql) }),

  'users-disable': (input, ctx) =>
    disableUser(ctx.sql, input, { principal: ctx.principal, now: ctx.now() }),

  'users-enable': (input, ctx) =>
    enableUser(ctx.sql, input, { principal: ctx.principal, now: ctx.now() }),
};
