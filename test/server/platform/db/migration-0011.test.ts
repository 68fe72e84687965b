import { expect, it } from 'vitest';
import { eachDialect, useFreshDb } from '../../../helpers/db';

/**
 * Migration 0011 (accounts-and-throttle): people can be disabled (existing rows stay enabled),
 * and sign-in attempts are counted once per (scope, subject) with a prunable timestamp.
 */
const at = '2026-11-01T10:00:00Z';

eachDialect('migration 0011', (dialect) => {
  const w = useFreshDb(dialect, async (db) => {
    await db.sql.query(
      `INSERT INTO users (id, username, password_hash, salt, role, created_at)
       VALUES ('U1', 'ana', 'x', 'y', 'cashier', $1)`,
      [at],
    );
    return {};
  });

  it('adds users.disabled_at, null (enabled) unless set', async () => {
    const rows = await w.db.sql.query<{ disabled_at: unknown }>(
      'SELECT disabled_at FROM users WHERE id = $1',
      ['U1'],
    );
    expect(rows).toEqual([{ disabled_at: null }]);
  });

  it('keeps one throttle row per scope and subject, and only the two scopes', async () => {
    const insert = (scope: string, subject: string) =>
      w.db.sql.query(
        `INSERT INTO sign_in_throttle (scope, subject, attempts, last_attempt_at)
         VALUES ($1, $2, 1, $3)`,
        [scope, subject, at],
      );
    await insert('username', 'ana');
    await insert('address', 'ana');
    await expect(insert('username', 'ana')).rejects.toMatchObject({ code: '23505' });
    await expect(insert('device', 'x')).rejects.toMatchObject({ code: '23514' });
  });

  it('prunes by last attempt through an index, not a scan of the table', async () => {
    await w.db.sql.query(
      `INSERT INTO sign_in_throttle (scope, subject, attempts, last_attempt_at)
       SELECT 'address', 'a' || g, 1, timestamptz '2026-01-01' + make_interval(secs => g)
         FROM generate_series(1, 20000) g`,
    );
    await w.db.sql.query('ANALYZE sign_in_throttle');
    const plan = await w.db.sql.query<Record<string, string>>(
      `EXPLAIN DELETE FROM sign_in_throttle WHERE last_attempt_at <= timestamptz '2026-01-01 00:00:10'`,
    );
    expect(plan.map((row) => Object.values(row).join(' ')).join('\n')).toContain(
      'sign_in_throttle_last_attempt',
    );
  });
});
