import type { SqlPort } from '#shared/sql/port';
import { addressSubject } from './client-address';

/**
 * Sign-in throttling (docs/security.md). Every attempt is counted per username and per client
 * address BEFORE the password is hashed, inside one transaction that locks both counters, so
 * a burst of parallel requests cannot slip past a counter that has not been written yet: once a
 * counter reaches its free attempts, each further attempt must wait a delay that starts at 1 s
 * and doubles to 15 minutes, and a request inside the delay is refused without hashing
 * anything. The state lives in the database because several hub processes may share one
 * PostgreSQL. A success clears the username's counter and takes its own attempt back from
 * the address's (so an office of people signing in behind one address never trips it).
 */
export const THROTTLE = {
  /** Attempts per username before delays start. */
  usernameFreeAttempts: 5,
  /** Per address: higher, since a store's or an office's people share one. */
  addressFreeAttempts: 20,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  /** A counter without an attempt for this long starts again from zero (and may be pruned). */
  windowMs: 60 * 60 * 1000,
  /** The table never holds many more rows than this: the oldest counters go first. */
  maxRows: 50_000,
} as const;

export type ThrottleScope = 'username' | 'address';
type Key = { scope: ThrottleScope; subject: string };

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

type Row = { attempts: unknown; last_attempt_at: unknown; blocked_until: unknown };

const freeAttempts = (scope: ThrottleScope): number =>
  scope === 'username' ? THROTTLE.usernameFreeAttempts : THROTTLE.addressFreeAttempts;

/** The wait imposed after the nth counted attempt (0 below the free attempts). */
export const delayAfter = (scope: ThrottleScope, attempts: number): number => {
  const over = attempts - freeAttempts(scope);
  if (over < 0) return 0;
  // The exponent is clamped first so a long-running attack never overflows the arithmetic.
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** Math.min(over, 30));
};

const keysOf = (username: string, clientAddress: string | undefined): Key[] => {
  const keys: Key[] = [];
  // Address first: every transaction locks the two counters in the same order (no deadlock).
  if (clientAddress) keys.push({ scope: 'address', subject: addressSubject(clientAddress) });
  keys.push({ scope: 'username', subject: username.toLowerCase() });
  return keys;
};

const time = (value: unknown): number | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).getTime();

/** Thrown inside the transaction to roll back the counters a refused attempt created. */
class Refused extends Error {
  constructor(readonly retryAfterMs: number) {
    super('refused');
  }
}

/**
 * Counts one sign-in attempt, or refuses it (nothing counted) while a counter's delay runs.
 * Call before any password hashing; `ok: false` answers how long to wait.
 */
export const reserveSignIn = async (
  sql: SqlPort,
  attempt: { username: string; clientAddress?: string; now: Date },
): Promise<Reservation> => {
  const now = attempt.now.getTime();
  const nowIso = attempt.now.toISOString();
  const keys = keysOf(attempt.username, attempt.clientAddress);
  let created = false;
  try {
    await sql.transaction(async (tx) => {
      const rows: { key: Key; row: Row }[] = [];
      for (const key of keys) {
        // Makes the row exist so that FOR UPDATE has something to lock, even on a first attempt.
        const inserted = await tx.query(
          `INSERT INTO sign_in_throttle (scope, subject, attempts, last_attempt_at)
           VALUES ($1, $2, 0, $3) ON CONFLICT (scope, subject) DO NOTHING RETURNING 1 AS one`,
          [key.scope, key.subject, nowIso],
        );
        created ||= inserted.length > 0;
        const locked = await tx.query<Row>(
          `SELECT attempts, last_attempt_at, blocked_until FROM sign_in_throttle
            WHERE scope = $1 AND subject = $2 FOR UPDATE`,
          [key.scope, key.subject],
        );
        rows.push({ key, row: locked[0] as Row });
      }
      const waits = rows.map(({ row }) => (time(row.blocked_until) ?? 0) - now);
      const wait = Math.max(0, ...waits);
      if (wait > 0) throw new Refused(wait);
      for (const { key, row } of rows) {
        const last = time(row.last_attempt_at) ?? now;
        const attempts = now - last >= THROTTLE.windowMs ? 1 : Number(row.attempts) + 1;
        const delay = delayAfter(key.scope, attempts);
        await tx.query(
          `UPDATE sign_in_throttle SET attempts = $3, last_attempt_at = $4, blocked_until = $5
            WHERE scope = $1 AND subject = $2`,
          [
            key.scope,
            key.subject,
            attempts,
            nowIso,
            delay > 0 ? new Date(now + delay).toISOString() : null,
          ],
        );
      }
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, retryAfterMs: error.retryAfterMs };
    throw error;
  }
  // Only a new counter can grow the table, so only then is it worth pruning.
  if (created) await pruneThrottle(sql, attempt.now);
  return { ok: true };
};

/**
 * A sign-in succeeded: the username starts afresh, and the address gets this attempt back (its
 * delay lifted once it is under its free attempts again).
 */
export const signInSucceeded = async (
  sql: SqlPort,
  attempt: { username: string; clientAddress?: string },
): Promise<void> => {
  await sql.query(`DELETE FROM sign_in_throttle WHERE scope = 'username' AND subject = $1`, [
    attempt.username.toLowerCase(),
  ]);
  if (!attempt.clientAddress) return;
  await sql.query(
    `UPDATE sign_in_throttle
        SET attempts = greatest(attempts - 1, 0),
            blocked_until = CASE WHEN attempts - 1 < $2 THEN NULL ELSE blocked_until END
      WHERE scope = 'address' AND subject = $1`,
    [addressSubject(attempt.clientAddress), THROTTLE.addressFreeAttempts],
  );
};

/**
 * Drops counters that have gone quiet (their next attempt would start from zero anyway), then
 * the oldest beyond maxRows: an attacker inventing usernames and addresses cannot grow the
 * table without bound. Both deletes walk the last_attempt_at index.
 */
export const pruneThrottle = async (sql: SqlPort, now: Date): Promise<void> => {
  await sql.query('DELETE FROM sign_in_throttle WHERE last_attempt_at <= $1', [
    new Date(now.getTime() - THROTTLE.windowMs).toISOString(),
  ]);
  await sql.query(
    `DELETE FROM sign_in_throttle WHERE last_attempt_at <
       (SELECT last_attempt_at FROM sign_in_throttle
         ORDER BY last_attempt_at DESC OFFSET $1 LIMIT 1)`,
    [THROTTLE.maxRows],
  );
};
