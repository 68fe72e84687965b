import type { Offer } from '#shared/domain/offer';
import type { PointOfContact } from '#shared/domain/org-definitions';
import { alertRecipients, isAlertRecipient } from '#shared/notifications/recipients';
import { couponReminderDue, type Due } from '#shared/notifications/schedule';
import type { SqlPort } from '#shared/sql/port';
import { loadOffer } from '../offers/index';
import { loadContacts } from '../org/index';
import { insertJobs, type NewJob } from './insert-jobs';
import { jobColumns, jobFromRow, type NotificationJob } from './job-row';
import { couponReminderPlan } from './plan-coupon-reminders';
import { offerReminderDueOf, offerReminderPlan } from './plan-offer-reminders';

/**
 * A pending job was planned from an older version of its offer. Re-read the settings: the job
 * stands, moves within its due date, or gives way (SKIPPED with the reason) to one planned
 * from the new settings.
 */
export type Reconciled =
  | { action: 'KEEP' }
  | { action: 'MOVE'; due: Due; channel: 'SMS' | 'EMAIL'; plan: Record<string, unknown> }
  | { action: 'SKIP'; reason: string; replacement: NewJob | null };

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

export function reconcileJob(
  job: NotificationJob,
  offer: Offer,
  orgZone: string,
  contacts: readonly PointOfContact[],
): Reconciled {
  const iss = offer.issuance;
  switch (job.kind) {
    case 'COUPON_EXPIRY': {
      const r = iss.expiryReminders[job.reminderIndex];
      if (r === undefined) {
        return {
          action: 'SKIP',
          reason: `Reminder ${job.reminderIndex + 1} was removed from the offer after this was scheduled`,
          replacement: null,
        };
      }
      if (offer.delivery === 'THIRD_PARTY') {
        return {
          action: 'SKIP',
          reason: 'The offer is now delivered by a third party, which sends its own reminders',
          replacement: null,
        };
      }
      const zone = str(job.plan.zone, orgZone);
      const expiresAt = str(job.plan.expiresAt, job.dueAt);
      const due = couponReminderDue(expiresAt, zone, r);
      const plan = couponReminderPlan(r, zone, expiresAt);
      if (due.dueDate === job.dueDate) return { action: 'MOVE', due, channel: r.channel, plan };
      return {
        action: 'SKIP',
        reason: `Rescheduled to ${due.dueAt} after reminder ${job.reminderIndex + 1} changed`,
        replacement: {
          kind: job.kind,
          offerId: job.offerId,
          couponId: job.couponId,
          subject: job.subject,
          reminderIndex: job.reminderIndex,
          dueDate: due.dueDate,
          dueAt: due.dueAt,
          channel: r.channel,
          skipReason: null,
          recipient: null,
          plan,
          offerVersion: offer.version,
        },
      };
    }
    case 'OFFER_EXPIRY': {
      const r = iss.offerExpiryReminder;
      if (!r.enabled) {
        return {
          action: 'SKIP',
          reason: 'The offer expiry reminder was turned off',
          replacement: null,
        };
      }
      if (!isAlertRecipient(alertRecipients(iss, 'OFFER_EXPIRY', contacts), job.subject)) {
        return {
          action: 'SKIP',
          reason: `${job.subject} was removed from the offer expiry reminder's points of contact`,
          replacement: null,
        };
      }
      const zone = str(job.plan.zone, orgZone);
      const due = offerReminderDueOf(offer, zone);
      if (due === null) {
        return { action: 'SKIP', reason: 'The offer no longer has an end date', replacement: null };
      }
      const plan = offerReminderPlan(offer, zone);
      if (due.dueDate === job.dueDate) return { action: 'MOVE', due, channel: 'EMAIL', plan };
      return {
        action: 'SKIP',
        reason: `Rescheduled to ${due.dueAt} after the offer's end or reminder changed`,
        replacement: {
          kind: job.kind,
          offerId: job.offerId,
          couponId: null,
          subject: job.subject,
          reminderIndex: 0,
          dueDate: due.dueDate,
          dueAt: due.dueAt,
          channel: 'EMAIL',
          skipReason: null,
          recipient: job.recipient,
          plan,
          offerVersion: offer.version,
        },
      };
    }
    case 'ISSUAL_LIMIT':
      if (
        iss.notifyThreshold === null ||
        !isAlertRecipient(alertRecipients(iss, 'ISSUAL_LIMIT', contacts), job.subject)
      ) {
        return {
          action: 'SKIP',
          reason: 'The issual limit alert was turned off or this point of contact removed',
          replacement: null,
        };
      }
      return { action: 'KEEP' };
    case 'RESEND':
      return { action: 'KEEP' };
  }
}

/**
 * Applies a reconciliation to a locked pending job. Returns true when the job is still
 * pending (kept or moved) and false when it gave way.
 */
export async function applyReconcile(
  tx: SqlPort,
  job: NotificationJob,
  offer: Offer,
  orgZone: string,
  now: string,
): Promise<boolean> {
  const r = reconcileJob(job, offer, orgZone, await loadContacts(tx));
  if (r.action === 'KEEP') {
    await tx.query(
      'UPDATE notification_jobs SET offer_version = $2, updated_at = $3 WHERE id = $1',
      [job.id, offer.version, now],
    );
    return true;
  }
  if (r.action === 'MOVE') {
    await tx.query(
      `UPDATE notification_jobs SET offer_version = $2, due_at = $3, channel = $4, plan = $5::jsonb,
              next_attempt_at = CASE WHEN attempts = 0 THEN $3 ELSE next_attempt_at END,
              updated_at = $6
        WHERE id = $1`,
      [job.id, offer.version, r.due.dueAt, r.channel, JSON.stringify(r.plan), now],
    );
    return true;
  }
  await tx.query(
    `UPDATE notification_jobs SET status = 'SKIPPED', skip_reason = $2, updated_at = $3
      WHERE id = $1`,
    [job.id, r.reason, now],
  );
  if (r.replacement !== null) await insertJobs(tx, [r.replacement], now, job.maxAttempts);
  return false;
}

/** Pending jobs planned from an older offer version, a page at a time. */
export async function reconcilePending(
  sql: SqlPort,
  now: string,
  orgZone: string,
  limit = 500,
): Promise<number> {
  const rows = await sql.query(
    `SELECT ${jobColumns} FROM notification_jobs j JOIN offers o ON o.id = j.offer_id
      WHERE j.status = 'PENDING' AND j.offer_version <> o.version
      ORDER BY j.id LIMIT $1`,
    [limit],
  );
  let changed = 0;
  for (const row of rows) {
    await sql.transaction(async (tx) => {
      const locked = await tx.query(
        `SELECT ${jobColumns} FROM notification_jobs j WHERE j.id = $1 AND j.status = 'PENDING' FOR UPDATE`,
        [row.id],
      );
      if (!locked[0]) return;
      const job = jobFromRow(locked[0]);
      const offer = await loadOffer(tx, job.offerId);
      if (offer === null || offer.version === job.offerVersion) return;
      await applyReconcile(tx, job, offer, orgZone, now);
      changed += 1;
    });
  }
  return changed;
}
