import { backoffDelayMs, type Backoff } from '#shared/notifications/schedule';
import type { SendFailureKind } from '#shared/notifications/types';
import type { SqlPort } from '#shared/sql/port';
import type { NotificationJob } from './job-row';

export type Outcome =
  { ok: true; providerId: string | null } | { ok: false; kind: SendFailureKind; error: string };

export type Recorded = 'SENT' | 'RETRY' | 'FAILED';

/** The message printed for a send whose outcome nobody knows; also in docs/notifications.md. */
export const UNKNOWN_OUTCOME =
  'Outcome unknown: the provider may or may not have taken the message. Not retried, so nobody is messaged twice; resend by hand if it did not arrive';

/**
 * Records what the provider said for a claimed job, in one transaction with its attempt log
 * row. Only a job this instance claimed is changed: still SENDING, or already marked "outcome
 * unknown" by another instance that judged the claim stale, in which case the real outcome
 * replaces the guess.
 */
export async function recordOutcome(
  sql: SqlPort,
  o: {
    job: NotificationJob;
    instanceId: string;
    startedAt: string;
    now: string;
    outcome: Outcome;
    backoff: Backoff;
  },
): Promise<Recorded> {
  const { job, outcome, now } = o;
  let status: 'SENT' | 'PENDING' | 'FAILED';
  let lastError: string | null = null;
  let nextAttemptAt = job.nextAttemptAt;
  let logged: 'SENT' | 'RETRY' | 'FAILED' | 'UNKNOWN';
  if (outcome.ok) {
    status = 'SENT';
    logged = 'SENT';
  } else if (outcome.kind === 'RETRYABLE' && job.attempts < job.maxAttempts) {
    status = 'PENDING';
    logged = 'RETRY';
    nextAttemptAt = new Date(
      Date.parse(now) + backoffDelayMs(job.attempts, o.backoff),
    ).toISOString();
    lastError = `Attempt ${job.attempts} of ${job.maxAttempts} failed: ${outcome.error}; retrying at ${nextAttemptAt}`;
  } else if (outcome.kind === 'RETRYABLE') {
    status = 'FAILED';
    logged = 'FAILED';
    lastError = `Gave up after ${job.attempts} attempts: ${outcome.error}`;
  } else if (outcome.kind === 'PERMANENT') {
    status = 'FAILED';
    logged = 'FAILED';
    lastError = `Refused by the provider: ${outcome.error}`;
  } else {
    status = 'FAILED';
    logged = 'UNKNOWN';
    lastError = `${UNKNOWN_OUTCOME} (${outcome.error})`;
  }
  const providerId = outcome.ok ? outcome.providerId : null;
  return sql.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE notification_jobs SET status = $3, last_error = $4, next_attempt_at = $5,
              provider_id = $6, sent_at = CASE WHEN $3 = 'SENT' THEN $7::timestamptz ELSE sent_at END,
              updated_at = $7
        WHERE id = $1 AND claimed_by = $2
          AND (status = 'SENDING' OR (status = 'FAILED' AND last_error LIKE 'Outcome unknown%'))
        RETURNING id`,
      [job.id, o.instanceId, status, lastError, nextAttemptAt, providerId, now],
    );
    if (updated.length === 0) return 'FAILED';
    await tx.query(
      `INSERT INTO notification_attempts (job_id, attempt, started_at, finished_at, outcome,
              provider_id, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (job_id, attempt) DO UPDATE SET finished_at = EXCLUDED.finished_at,
         outcome = EXCLUDED.outcome, provider_id = EXCLUDED.provider_id, error = EXCLUDED.error`,
      [
        job.id,
        job.attempts,
        o.startedAt,
        now,
        logged,
        providerId,
        outcome.ok ? null : outcome.error,
      ],
    );
    return status === 'PENDING' ? 'RETRY' : status;
  });
}

/**
 * Jobs left SENDING by a scheduler that stopped between handing a message over and recording
 * the answer. At-most-once: they become FAILED with "outcome unknown", never sent again by
 * the scheduler. A claim is stale once the database's own clock says it is older than
 * `staleAfterMs` and it belongs to another instance.
 */
export async function recoverStale(
  sql: SqlPort,
  o: { instanceId: string; staleAfterMs: number; now: string },
): Promise<number> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; attempts: unknown; claimed_at: unknown }>(
      `UPDATE notification_jobs SET status = 'FAILED', last_error = $3, updated_at = $4
        WHERE status = 'SENDING' AND claimed_by IS DISTINCT FROM $1
          AND claimed_wall_at <= now() - ($2::double precision * interval '1 millisecond')
        RETURNING id, attempts, claimed_at`,
      [
        o.instanceId,
        o.staleAfterMs,
        `${UNKNOWN_OUTCOME} (the scheduler stopped while sending)`,
        o.now,
      ],
    );
    for (const row of rows) {
      await tx.query(
        `INSERT INTO notification_attempts (job_id, attempt, started_at, finished_at, outcome, error)
         VALUES ($1, $2, COALESCE($3::timestamptz, $4::timestamptz), $4, 'UNKNOWN', 'scheduler stopped while sending')
         ON CONFLICT (job_id, attempt) DO NOTHING`,
        [row.id, row.attempts, row.claimed_at, o.now],
      );
    }
    return rows.length;
  });
}

/** Due jobs of a channel the hub has no provider for: say so where back office looks. */
export async function noteUnconfigured(
  sql: SqlPort,
  channel: 'SMS' | 'EMAIL',
  now: string,
): Promise<void> {
  const message =
    channel === 'SMS'
      ? 'Waiting: no SMS gateway is configured (start the hub with --sms-url)'
      : 'Waiting: no SMTP server is configured (start the hub with --smtp-url)';
  await sql.query(
    `UPDATE notification_jobs SET last_error = $3
      WHERE status = 'PENDING' AND channel = $1 AND next_attempt_at <= $2
        AND last_error IS DISTINCT FROM $3`,
    [channel, now, message],
  );
}
