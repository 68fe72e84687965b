import { afterAll, beforeAll, expect, it } from 'vitest';
import { allOperations } from '../../../helpers/all-operations';
import { DEFAULT_ITERATIONS, hashIterations, verifyPassword } from '#shared/services/auth/password';
import { demoUsers } from '#shared/services/demo/demo-users';
import { seedDemo } from '#shared/services/demo/seed-demo';
import { freshPglite, type TestDb } from '../../../helpers/db';

let db: TestDb;
beforeAll(async () => {
  db = await freshPglite();
});
afterAll(() => db.close());

// Demo verifiers leave the hub (tills pull them), so they get production strength like any.
it('hashes the demo users at the default 600,000 PBKDF2 iterations', async () => {
  await seedDemo(db.sql, new Date('2025-06-18T09:00:00.000Z'), { dispatcher: allOperations() });
  const rows = await db.sql.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM users ORDER BY username',
  );
  expect(rows.map((r) => r.username)).toEqual(['admin', 'backoffice', 'cashier', 'manager']);
  for (const r of rows) {
    expect(r.password_hash.split('$')[1], r.username).toBe(String(DEFAULT_ITERATIONS));
  }
});

// The shipped verifiers spare every demo start the hashing; each must still be its password's.
it('ships a verifier of each demo password at the default iterations', async () => {
  for (const u of demoUsers) {
    expect(hashIterations(u.verifier.hash), u.username).toBe(DEFAULT_ITERATIONS);
    expect(await verifyPassword(u.password, u.verifier.salt, u.verifier.hash), u.username).toBe(
      true,
    );
  }
});
