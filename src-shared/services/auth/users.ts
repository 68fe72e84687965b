import type { z } from 'zod';
import type { sessionUser } from '#shared/api/operations/auth';
import { roles, type Principal, type Role } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';

export type SessionUser = z.infer<typeof sessionUser>;

export type UserRow = {
  id: string;
  username: string;
  password_hash: string;
  salt: string;
  role: string;
  store_ids: unknown;
  /** Set while an admin has the person disabled: no sign-in, no session. */
  disabled_at: unknown;
};

const toRole = (value: string): Role => {
  const role = roles.find((r) => r === value);
  if (!role) throw new Error(`users.role holds unknown role ${value}`);
  return role;
};

/** jsonb arrives parsed from both drivers; text is accepted in case a driver leaves it raw. */
const toStoreIds = (value: unknown): string[] | null => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (parsed === null || parsed === undefined) return null;
  if (!Array.isArray(parsed)) throw new Error('users.store_ids must be a JSON array or null');
  return parsed.map((v) => String(v));
};

export const toSessionUser = (row: UserRow): SessionUser => ({
  userId: row.id,
  username: row.username,
  role: toRole(row.role),
  storeIds: toStoreIds(row.store_ids),
});

export const toPrincipal = (row: UserRow): Principal => ({ kind: 'user', ...toSessionUser(row) });

const COLUMNS = 'id, username, password_hash, salt, role, store_ids, disabled_at';

export const findUserByUsername = async (
  sql: SqlPort,
  username: string,
): Promise<UserRow | null> => {
  const rows = await sql.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [
    username,
  ]);
  return rows[0] ?? null;
};

export const findUserById = async (sql: SqlPort, id: string): Promise<UserRow | null> => {
  const rows = await sql.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
};

export type NewUser = {
  id: string;
  username: string;
  passwordHash: string;
  salt: string;
  role: Role;
  storeIds: string[] | null;
  createdAt: Date;
};

export const insertUser = async (sql: SqlPort, user: NewUser): Promise<UserRow> => {
  const rows = await sql.query<UserRow>(
    `INSERT INTO users (id, username, password_hash, salt, role, store_ids, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
     RETURNING ${COLUMNS}`,
    [
      user.id,
      user.username,
      user.passwordHash,
      user.salt,
      user.role,
      user.storeIds === null ? null : JSON.stringify(user.storeIds),
      user.createdAt.toISOString(),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
};
