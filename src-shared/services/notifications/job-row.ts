import type { NotificationItem } from '#shared/api/operations/notifications';
import type {
  NotificationChannel,
  NotificationKind,
  NotificationStatus,
} from '#shared/notifications/types';
import type { SqlRow } from '#shared/sql/port';
import { dateOf, isoOf, isoOrNull, jsonOf, numOf, strOrNull } from '../shared/values';

/** notification_jobs columns under alias j. */
export const jobColumns = /* sql */ `j.id, j.kind, j.offer_id, j.coupon_id, j.subject,
  j.reminder_index, j.due_date, j.channel, j.status, j.due_at, j.next_attempt_at, j.attempts,
  j.max_attempts, j.last_error, j.skip_reason, j.plan, j.offer_version, j.recipient,
  j.message_subject, j.message_text, j.unicode, j.provider_id, j.claimed_by, j.claimed_at,
  j.sent_at, j.created_at`;

export type JobPlan = Record<string, unknown>;

export type NotificationJob = {
  id: string;
  kind: NotificationKind;
  offerId: string;
  couponId: string | null;
  subject: string;
  reminderIndex: number;
  dueDate: string;
  channel: NotificationChannel;
  status: NotificationStatus;
  dueAt: string;
  nextAttemptAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  skipReason: string | null;
  plan: JobPlan;
  offerVersion: number;
  recipient: string | null;
  messageSubject: string | null;
  messageText: string | null;
  unicode: boolean | null;
  providerId: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  createdAt: string;
};

export function jobFromRow(row: SqlRow): NotificationJob {
  return {
    id: String(row.id),
    kind: row.kind as NotificationKind,
    offerId: String(row.offer_id),
    couponId: strOrNull(row.coupon_id),
    subject: String(row.subject),
    reminderIndex: numOf(row.reminder_index),
    dueDate: dateOf(row.due_date),
    channel: row.channel as NotificationChannel,
    status: row.status as NotificationStatus,
    dueAt: isoOf(row.due_at),
    nextAttemptAt: isoOf(row.next_attempt_at),
    attempts: numOf(row.attempts),
    maxAttempts: numOf(row.max_attempts),
    lastError: strOrNull(row.last_error),
    skipReason: strOrNull(row.skip_reason),
    plan: jsonOf<JobPlan>(row.plan) ?? {},
    offerVersion: numOf(row.offer_version),
    recipient: strOrNull(row.recipient),
    messageSubject: strOrNull(row.message_subject),
    messageText: strOrNull(row.message_text),
    unicode: row.unicode === null || row.unicode === undefined ? null : row.unicode === true,
    providerId: strOrNull(row.provider_id),
    claimedBy: strOrNull(row.claimed_by),
    claimedAt: isoOrNull(row.claimed_at),
    sentAt: isoOrNull(row.sent_at),
    createdAt: isoOf(row.created_at),
  };
}

/** A job as the notification log shows it; `contact` is the customer's current address. */
export function toItem(
  job: NotificationJob,
  couponCode: string | null,
  contact: string | null,
): NotificationItem {
  return {
    id: job.id,
    kind: job.kind,
    channel: job.channel,
    recipient: job.recipient ?? contact,
    status: job.status,
    couponId: job.couponId,
    couponCode,
    reminderIndex: job.reminderIndex,
    dueDate: job.dueDate,
    dueAt: job.dueAt,
    nextAttemptAt: job.status === 'PENDING' ? job.nextAttemptAt : null,
    attempts: job.attempts,
    lastError: job.lastError,
    skipReason: job.skipReason,
    subject: job.messageSubject,
    text: job.messageText,
    sentAt: job.sentAt,
    createdAt: job.createdAt,
  };
}
