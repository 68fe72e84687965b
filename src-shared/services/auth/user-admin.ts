import type { z } from 'zod';
import { ApiError, notFound } from '#shared/api/errors';
import type { userSummary } from '#shared/api/operations/auth';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { actorOf } from '../shared/clock';
import { endUserSessions } from './sessions';
import { toSessionUser, type UserRow } from './users';

export type UserSummary = z.infer<typeof userSummary>;

type SummaryRow = Omit<UserRow, 'password_hash' | 'salt'> & { created_at: unknown };

const iso = (value: unknown): string => new Date(value as string | Date).toISOString();

const toSummary = (row: SummaryRow): UserSummary => ({
  ...toSessionUser({ ...row, password_hash: '', salt: '' }),
  createdAt: iso(row.created_at),
  disabledAt:
    row.disabled_at === null || row.disabled_at === undefined ? null : iso(row.disabled_at),
});

// Never the hash or salt: a list of people is no place for verifiers.
const COLUMNS = 'id, username, role, store_ids, created_at, disabled_at';

export const listUsers = async (sql: SqlPort): Promise<UserSummary[]> =>
  (await sql.query<SummaryRow>(`SELECT ${COLUMNS} FROM users ORDER BY username`)).map(toSummary);

export type Actor = { principal: Principal; now: Date };

/**
 * Disables a person: every session of theirs ends in the same transaction, so no token of
 * theirs works once this answers. Disabling oneself is refused: it would end the very session
 * that asked, and could leave a hub without an admin.
 */
export const disableUser = async (
  sql: SqlPort,
  input: { id: string; reason?: string },
  by: Actor,
): Promise<UserSummary> => {
  if (by.principal.kind === 'user' && by.principal.userId === input.id) {
    throw new ApiError(
      'CONFLICT',
      'you cannot disable your own account; ask another admin to do it',
      { field: 'id' },
    );
  }
  return sql.transaction(async (tx) => {
    const before = await tx.query<{ disabled_at: unknown }>(
      'SELECT disabled_at FROM users WHERE id = $1 FOR UPDATE',
      [input.id],
    );
    if (before.length === 0) throw notFound('user', input.id);
    const rows = await tx.query<SummaryRow>(
      `UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1
       RETURNING ${COLUMNS}`,
      [input.id, by.now.toISOString()],
    );
    const row = rows[0] as SummaryRow;
    const sessionsEnded = await endUserSessions(tx, input.id);
    // A repeated disable changes nothing worth recording; it still makes sure no session is left.
    if (before[0]?.disabled_at === null) {
      await audit(tx, {
        at: by.now.toISOString(),
        actor: actorOf(by.principal),
        action: 'user.disable',
        entityType: 'user',
        entityId: input.id,
        details: { username: row.username, sessionsEnded, reason: input.reason ?? null },
      });
    }
    return toSummary(row);
  });
};

/** Lets a disabled person sign in again (their old sessions stay ended). */
export const enableUser = async (
  sql: SqlPort,
  input: { id: string },
  by: Actor,
): Promise<UserSummary> =>
  sql.transaction(async (tx) => {
    const before = await tx.query<{ disabled_at: unknown }>(
      'SELECT disabled_at FROM users WHERE id = $1 FOR UPDATE',
      [input.id],
    );
    if (before.length === 0) throw notFound('user', input.id);
    const rows = await tx.query<SummaryRow>(
      `UPDATE users SET disabled_at = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
      [input.id],
    );
    if (before[0]?.disabled_at !== null) {
      await audit(tx, {
        at: by.now.toISOString(),
        actor: actorOf(by.principal),
        action: 'user.enable',
        entityType: 'user',
        entityId: input.id,
        details: { username: (rows[0] as SummaryRow).username },
      });
    }
    return toSummary(rows[0] as SummaryRow);
  });
