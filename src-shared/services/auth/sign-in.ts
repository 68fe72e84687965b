import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import { DEFAULT_ITERATIONS, hashIterations, hashPassword, verifyPassword } from './password';
import { createSession } from './sessions';
import { reserveSignIn, signInSucceeded } from './sign-in-throttle';
import { findUserByUsername, toSessionUser, type SessionUser, type UserRow } from './users';

// Verifying against this when the username is unknown keeps both failures equally slow,
// so response time does not reveal which usernames exist.
let decoy: Promise<{ hash: string; salt: string }> | null = null;
const decoyHash = () => (decoy ??= hashPassword('decoy password'));

const wrongCredentials = () =>
  new ApiError('UNAUTHENTICATED', 'username or password is incorrect', { field: 'password' });

const throttled = (retryAfterMs: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(
    'RATE_LIMITED',
    `too many failed sign-ins; wait ${retryAfterSeconds} s before trying again`,
    { retryAfterSeconds },
  );
};

/**
 * A verifier made with fewer than DEFAULT_ITERATIONS (an older default, the old demo setting) is
 * replaced while the password is at hand. Only at the hub: a till's users are a replica that
 * the next pull would overwrite, and the hub's new hash reaches the tills that way anyway.
 * The compare-and-set on the old hash keeps a concurrent password change from being undone.
 */
const upgradeHash = async (
  ctx: HandlerContext,
  user: UserRow,
  password: string,
): Promise<UserRow> => {
  if (ctx.host !== 'hub') return user;
  const iterations = hashIterations(user.password_hash);
  if (iterations === null || iterations >= DEFAULT_ITERATIONS) return user;
  const { hash, salt } = await hashPassword(password);
  const updated = await ctx.sql.query(
    'UPDATE users SET password_hash = $2, salt = $3 WHERE id = $1 AND password_hash = $4 RETURNING id',
    [user.id, hash, salt, user.password_hash],
  );
  return updated.length === 1 ? { ...user, password_hash: hash, salt } : user;
};

/**
 * Checks a person's password as sign-in does — throttle first (nothing is hashed for a refused
 * attempt, not even the decoy), then the password, then whether the account is disabled (said
 * only to someone who knows the password, so it reveals nothing to a guesser) — and answers
 * their row, its hash upgraded at the hub when it was weak. Used by auth-login and by a till's
 * request for an offline grant (services/sync/hub/grants.ts), so both are throttled alike.
 */
export const authenticate = async (
  input: { username: string; password: string },
  ctx: HandlerContext,
): Promise<UserRow> => {
  const attempt = { username: input.username, clientAddress: ctx.clientAddress };
  const reservation = await reserveSignIn(ctx.sql, { ...attempt, now: ctx.now() });
  if (!reservation.ok) throw throttled(reservation.retryAfterMs);

  const user = await findUserByUsername(ctx.sql, input.username);
  if (!user) {
    const { hash, salt } = await decoyHash();
    await verifyPassword(input.password, salt, hash);
    throw wrongCredentials();
  }
  if (!(await verifyPassword(input.password, user.salt, user.password_hash))) {
    throw wrongCredentials();
  }
  if (user.disabled_at !== null && user.disabled_at !== undefined) {
    throw new ApiError('FORBIDDEN', 'this account is disabled; ask an admin to enable it', {
      field: 'username',
    });
  }
  await signInSucceeded(ctx.sql, attempt);
  return upgradeHash(ctx, user, input.password);
};

/** auth-login: authenticate, then a session. */
export const signIn = async (
  input: { username: string; password: string },
  ctx: HandlerContext,
): Promise<{ token: string; user: SessionUser }> => {
  const user = await authenticate(input, ctx);
  const { token } = await createSession(ctx.sql, user.id, ctx.now());
  return { token, user: toSessionUser(user) };
};
