import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import type { OpOutput } from '#shared/api/operations';
import { createSession, endSession } from '../../../src-shared/services/auth';
import { worksAt } from '#shared/services/sync/hub/grants';
import { keepGrant, liveGrant } from '#shared/services/sync/till/grants';
import { readSyncState } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import { isUnreachable } from './hub-link';

type LoginOut = OpOutput<'auth-login'>;

export type SignInDeps = {
  sql: SqlPort;
  now: () => Date;
  hub: ApiClient;
  online: () => boolean;
  noteUnreachable: (error: unknown) => void;
  /** The till's own sign-in against its replica (the local auth-login). */
  local: () => Promise<LoginOut>;
};

const credentials = (input: Record<string, unknown>): { username: string; password: string } => {
  const { username, password } = input;
  if (
    typeof username !== 'string' ||
    username === '' ||
    typeof password !== 'string' ||
    password === ''
  ) {
    throw new ApiError('INVALID_INPUT', 'enter your username and password', {
      field: typeof username !== 'string' || username === '' ? 'username' : 'password',
    });
  }
  return { username, password };
};

/**
 * Sign-in at a till that follows a hub (docs/security.md, "people and devices"):
 *  - while the hub answers, it checks the password and issues this person an offline grant for
 *    this till; the till keeps the grant (to sign the person's queued changes) and opens a
 *    local session. The hub's refusals (wrong password, disabled, not at this store, throttled)
 *    are final.
 *  - while it does not, the till checks its own copy of the verifier — present only for people
 *    of this store and people holding a live grant here — and refuses people who work across
 *    stores unless they hold a live grant on this till.
 */
export async function signInAtTill(
  deps: SignInDeps,
  input: Record<string, unknown>,
): Promise<LoginOut> {
  const who = credentials(input);
  if (deps.online()) {
    try {
      const out = await deps.hub.send('sync-grants-create', who);
      const now = deps.now();
      await keepGrant(deps.sql, out, now);
      const { token } = await createSession(deps.sql, out.grant.userId, now);
      const g = out.grant;
      return {
        token,
        user: { userId: g.userId, username: g.username, role: g.role, storeIds: g.storeIds },
      };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      deps.noteUnreachable(error);
    }
  }
  return offlineSignIn(deps);
}

const offlineSignIn = async (deps: SignInDeps): Promise<LoginOut> => {
  let out: LoginOut;
  try {
    out = await deps.local();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      throw new ApiError(
        'UNAUTHENTICATED',
        'The hub is unreachable, so only people of this store, or people who signed in at this till in the last days, can sign in here: username or password is incorrect, or you have not signed in at this till while it was online.',
        error.details,
      );
    }
    throw error;
  }
  const { storeId } = await readSyncState(deps.sql);
  const { user } = out;
  const refuse = async (message: string): Promise<never> => {
    await endSession(deps.sql, out.token);
    throw new ApiError('FORBIDDEN', message, { field: 'username' });
  };
  if (storeId !== null && !worksAt(user.storeIds, storeId)) {
    return refuse(
      `${user.username} works at ${user.storeIds?.join(', ')}, not at this till's store`,
    );
  }
  if (user.storeIds === null && !(await liveGrant(deps.sql, user.userId, deps.now()))) {
    return refuse(
      `${user.username} works across stores and has no offline pass for this till: sign in here once while the hub answers`,
    );
  }
  return out;
};
