import type { NotificationChannel } from '#shared/notifications/types';
import type { SqlPort } from '#shared/sql/port';
import { loadOffer } from '../offers/index';
import { decide, type Message } from './decide';
import { jobColumns, jobFromRow, type NotificationJob } from './job-row';
import { applyReconcile } from './reconcile';

export type Claim =
  | { outcome: 'CLAIMED'; job: NotificationJob; message: Message }
  | { outcome: 'SKIPPED'; job: NotificationJob; reason: string }
  /** Re-planned by an offer edit; no longer due now. */
  | { outcome: 'MOVED'; job: NotificationJob };

const nextDueSql = /* sql */ `SELECT ${jobColumns} FROM notification_jobs j
  WHERE j.status = 'PENDING' AND j.next_attempt_at <= $1 AND j.channel = ANY($2::text[])
  ORDER BY j.next_attempt_at, j.id
  LIMIT 1
  FOR UPDATE SKIP LOCKED`;

/**
 * Takes the next due job, in one transaction: decides whether it is still meaningful (else
 * SKIPPED with the reason), renders the message and moves it to SENDING with the attempt
 * counted, before anything is handed to a provider. Once this commits the job belongs to
 * this scheduler instance; if the instance dies before recording the outcome, recovery marks
 * the job FAILED ("outcome unknown") rather than sending it again (docs/notifications.md).
 * Returns null when nothing is due.
 */
export async function claimNext(
  sql: SqlPort,
  o: { now: string; instanceId: string; channels: readonly NotificationChannel[]; orgZone: string },
): Promise<Claim | null> {
  if (o.channels.length === 0) return null;
  return sql.transaction(async (tx) => {
    const rows = await tx.query(nextDueSql, [o.now, o.channels]);
    if (!rows[0]) return null;
    let job = jobFromRow(rows[0]);
    const offer = await loadOffer(tx, job.offerId);
    if (offer === null) {
      return skipJob(tx, job, `Offer ${job.offerId} no longer exists`, o.now);
    }
    if (offer.version !== job.offerVersion) {
      const stillPending = await applyReconcile(tx, job, offer, o.orgZone, o.now);
      const again = await tx.query(
        `SELECT ${jobColumns} FROM notification_jobs j WHERE j.id = $1`,
        [job.id],
      );
      job = jobFromRow(again[0] as never);
      if (!stillPending) return { outcome: 'SKIPPED', job, reason: job.skipReason ?? '' };
      if (Date.parse(job.nextAttemptAt) > Date.parse(o.now)) return { outcome: 'MOVED', job };
    }
    const decision = await decide(tx, job, offer, o.now, o.orgZone);
    if (decision.action === 'SKIP') return skipJob(tx, job, decision.reason, o.now);
    const m = decision.message;
    const claimed = await tx.query(
      `UPDATE notification_jobs j SET status = 'SENDING', attempts = attempts + 1,
              claimed_by = $2, claimed_at = $3, claimed_wall_at = now(), recipient = $4,
              message_subject = $5, message_text = $6, unicode = $7, updated_at = $3
        WHERE j.id = $1
        RETURNING ${jobColumns}`,
      [job.id, o.instanceId, o.now, m.recipient, m.subject, m.text, m.unicode],
    );
    return { outcome: 'CLAIMED', job: jobFromRow(claimed[0] as never), message: m };
  });
}

async function skipJob(
  tx: SqlPort,
  job: NotificationJob,
  reason: string,
  now: string,
): Promise<Claim> {
  await tx.query(
    `UPDATE notification_jobs SET status = 'SKIPPED', skip_reason = $2, updated_at = $3
      WHERE id = $1`,
    [job.id, reason, now],
  );
  return { outcome: 'SKIPPED', job: { ...job, status: 'SKIPPED', skipReason: reason }, reason };
}
