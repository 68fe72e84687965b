import { createDispatcher } from '#shared/api/dispatch';
import { seedDemo } from '#shared/services/demo/seed-demo';
import { createHandlers } from '#shared/services/handlers';
import type { SqlPort } from '#shared/sql/port';

/**
 * Loads the demo (org, offers, customers, coupons in every state, one sign-in per role) and
 * answers the lines to print, sign-ins included: whoever starts the demo needs them. Safe to
 * run on every start; a seeded database is left as it is.
 */
export const loadDemo = async (
  sql: SqlPort,
  now: Date,
  passwordIterations?: number,
): Promise<string[]> => {
  const result = await seedDemo(sql, now, {
    dispatcher: createDispatcher(createHandlers()),
    ...(passwordIterations ? { passwordIterations } : {}),
  });
  return [
    result.seeded ? 'demo data loaded' : 'demo data already present',
    `demo sign-ins: ${result.users.map((u) => `${u.username} / ${u.password}`).join(', ')}`,
  ];
};
