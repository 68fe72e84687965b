import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { randomHex, sha256Hex, type Sha256Hex } from './bytes';
import { toPrincipal, type UserRow } from './users';

/** A cashier's shift plus slack; the till signs in again the next day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Opens a session and answers its bearer token: 32 random bytes as hex. Only the token's
 * SHA-256 is stored, so a copy of the database does not hand out working sessions.
 */
export const createSession = async (
  sql: SqlPort,
  userId: string,
  now: Date,
  ttlMs: number = SESSION_TTL_MS,
): Promise<{ token: string; expiresAt: Date }> => {
  const token = randomHex(32);
  const expiresAt = new Date(now.getTime() + ttlMs);
  await sql.transaction(async (tx) => {
    // Expired sessions of this user are dead weight; clear them while we are here.
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [
      userId,
      now.toISOString(),
    ]);
    await tx.query(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [await sha256Hex(token), userId, now.toISOString(), expiresAt.toISOString()],
    );
  });
  return { token, expiresAt };
};

/**
 * The signed-in user behind a bearer token, or null when it is unknown, expired, signed out or
 * its person disabled (disabling also deletes the sessions; the filter covers a race with it).
 */
export const resolveToken = async (
  sql: SqlPort,
  token: string,
  now: Date = new Date(),
  hashHex: Sha256Hex = sha256Hex,
): Promise<Principal | null> => {
  if (!TOKEN_PATTERN.test(token)) return null;
  const rows = await sql.query<UserRow>(
    `SELECT u.id, u.username, u.password_hash, u.salt, u.role, u.store_ids, u.disabled_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [await hashHex(token), now.toISOString()],
  );
  const row = rows[0];
  return row ? toPrincipal(row) : null;
};

/** Ends a session (sign out); answers whether there was one. Unknown tokens are ignored. */
export const endSession = async (sql: SqlPort, token: string): Promise<boolean> => {
  if (!TOKEN_PATTERN.test(token)) return false;
  const rows = await sql.query('DELETE FROM sessions WHERE token_hash = $1 RETURNING 1 AS one', [
    await sha256Hex(token),
  ]);
  return rows.length > 0;
};

/** Ends every session of a person (disabled by an admin); answers how many there were. */
export const endUserSessions = async (sql: SqlPort, userId: string): Promise<number> =>
  (await sql.query('DELETE FROM sessions WHERE user_id = $1 RETURNING 1 AS one', [userId])).length;
