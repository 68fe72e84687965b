import type { Role } from '../../src-shared/api/roles';
import { ensureUser } from '../../src-shared/services/auth/ensure-user';
import type { SqlPort } from '../../src-shared/sql/port';

/** One demo sign-in per role; printed at start so whoever runs the demo can use them. */
export const DEMO_PASSWORD = 'counterfoil';
export const demoUsers: { username: string; role: Role }[] = [
  { username: 'cashier', role: 'cashier' },
  { username: 'manager', role: 'store_manager' },
  { username: 'backoffice', role: 'back_office' },
  { username: 'admin', role: 'admin' },
];

/**
 * Loads the demo: the services' data set (offers, stores, customers) when given, and one user
 * per role when the database has no users yet. Safe to run on every start. Returns log lines.
 */
export const seedDemoData = async (
  sql: SqlPort,
  now: Date,
  seedDemo?: (sql: SqlPort, now: Date) => Promise<unknown>,
): Promise<string[]> => {
  const lines: string[] = [];
  if (seedDemo) {
    await seedDemo(sql, now);
    lines.push('demo data loaded');
  } else {
    lines.push('demo: no data loader in this build; only the demo users are created');
  }
  const [{ count } = { count: 0 }] = await sql.query<{ count: number | string }>(
    'SELECT count(*) AS count FROM users',
  );
  if (Number(count) === 0) {
    for (const user of demoUsers) {
      await ensureUser(sql, { ...user, password: DEMO_PASSWORD, now });
    }
  }
  const present = await sql.query<{ username: string }>(
    'SELECT username FROM users WHERE username = ANY($1::text[]) ORDER BY username',
    [demoUsers.map((u) => u.username)],
  );
  if (present.length > 0) {
    lines.push(
      `demo sign-ins (password "${DEMO_PASSWORD}"): ${present.map((u) => u.username).join(', ')}`,
    );
  }
  return lines;
};
