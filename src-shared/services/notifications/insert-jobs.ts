import type { NotificationChannel, NotificationKind } from '#shared/notifications/types';
import type { SqlPort } from '#shared/sql/port';
import { newId } from '../shared/ids';

/** A job the planner wants; inserted only if its unique key is new. */
export type NewJob = {
  kind: NotificationKind;
  offerId: string;
  couponId: string | null;
  subject: string;
  reminderIndex: number;
  dueDate: string;
  dueAt: string;
  channel: NotificationChannel;
  /** SKIPPED rows record a reminder that will never be sent, and why. */
  skipReason: string | null;
  recipient: string | null;
  plan: Record<string, unknown>;
  offerVersion: number;
};

/** How many times a message is handed to a provider before it is FAILED for good. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Inserts many jobs in one statement (arrays unnested server-side), skipping any whose key
 * (kind, offer, subject, reminder index, due date) exists: planning is idempotent, so a
 * planner that runs twice, or on two hubs, or again after a restart, schedules nothing twice.
 * Returns the number inserted.
 */
export async function insertJobs(
  sql: SqlPort,
  jobs: readonly NewJob[],
  now: string,
  maxAttempts: number = DEFAULT_MAX_ATTEMPTS,
): Promise<number> {
  if (jobs.length === 0) return 0;
  const rows = await sql.query(
    /* sql */ `INSERT INTO notification_jobs (id, kind, offer_id, coupon_id, subject,
        reminder_index, due_date, channel, status, due_at, next_attempt_at, max_attempts,
        skip_reason, plan, offer_version, recipient, created_at, updated_at)
      SELECT t.id, t.kind, t.offer_id, t.coupon_id, t.subject, t.reminder_index,
             t.due_date::date, t.channel,
             CASE WHEN t.skip_reason IS NULL THEN 'PENDING' ELSE 'SKIPPED' END,
             t.due_at::timestamptz, t.due_at::timestamptz, $13, t.skip_reason, t.plan::jsonb,
             t.offer_version, t.recipient, $14, $14
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[],
                    $15::text[])
          AS t(id, kind, offer_id, coupon_id, subject, reminder_index, due_date, due_at,
               channel, skip_reason, plan, offer_version, recipient)
      ON CONFLICT (kind, offer_id, subject, reminder_index, due_date) DO NOTHING
      RETURNING id`,
    [
      jobs.map(() => newId()),
      jobs.map((j) => j.kind),
      jobs.map((j) => j.offerId),
      jobs.map((j) => j.couponId),
      jobs.map((j) => j.subject),
      jobs.map((j) => j.reminderIndex),
      jobs.map((j) => j.dueDate),
      jobs.map((j) => j.dueAt),
      jobs.map((j) => j.channel),
      jobs.map((j) => j.skipReason),
      jobs.map((j) => JSON.stringify(j.plan)),
      jobs.map((j) => j.offerVersion),
      maxAttempts,
      now,
      jobs.map((j) => j.recipient),
    ],
  );
  return rows.length;
}
