import type { SqlPort } from '#shared/sql/port';
import { jsonOf } from '../shared/values';

const KEY = 'couponPlanFloor';
const DAY_MS = 86_400_000;

/**
 * The coupon planner looks at coupons expiring after the floor: the time of its last complete
 * pass. After downtime that reaches back to when the hub stopped, so reminders that fell due
 * meanwhile are caught up (sent late, or skipped with the reason), but never further back
 * than `catchUpDays`. On the very first run the floor is now: history is not replayed.
 */
export async function planFloor(sql: SqlPort, now: string, catchUpDays: number): Promise<string> {
  const rows = await sql.query<{ value: unknown }>(
    'SELECT value FROM notification_state WHERE key = $1',
    [KEY],
  );
  const stored = rows[0] ? jsonOf<string>(rows[0].value) : null;
  const oldest = Date.parse(now) - catchUpDays * DAY_MS;
  if (typeof stored !== 'string') return now;
  return new Date(Math.max(Date.parse(stored), oldest)).toISOString();
}

export async function setPlanFloor(sql: SqlPort, now: string): Promise<void> {
  await sql.query(
    `INSERT INTO notification_state (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [KEY, JSON.stringify(now)],
  );
}
