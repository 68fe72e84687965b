import type { Offer } from '#shared/domain/offer';
import { offerStatusAt } from '#shared/engine/status';
import {
  couponReminderEmail,
  couponValues,
  issualLimitEmail,
  offerExpiryEmail,
  renderSms,
} from '#shared/notifications/messages';
import { alertRecipients, isAlertRecipient } from '#shared/notifications/recipients';
import type { SqlPort } from '#shared/sql/port';
import { loadContacts } from '../org/index';
import { numOf } from '../shared/values';
import { couponSkipReason, loadHolder, type Holder } from './coupon-check';
import type { NotificationJob } from './job-row';

export type Message = {
  recipient: string;
  subject: string | null;
  text: string;
  unicode: boolean;
};
export type Decision = { action: 'SEND'; message: Message } | { action: 'SKIP'; reason: string };

const skip = (reason: string): Decision => ({ action: 'SKIP', reason });
const send = (message: Message): Decision => ({ action: 'SEND', message });

const laterDueSql = /* sql */ `SELECT j.plan FROM notification_jobs j
  WHERE j.kind = 'COUPON_EXPIRY' AND j.offer_id = $1 AND j.subject = $2 AND j.id <> $3
    AND j.due_at > $4 AND j.due_at <= $5 AND j.status IN ('PENDING', 'SENDING', 'SENT')
  ORDER BY j.due_at DESC LIMIT 1`;

function contactOf(holder: Holder, channel: 'SMS' | 'EMAIL'): string | Decision {
  const address = channel === 'SMS' ? holder.mobile : holder.email;
  if (address !== null && address !== '') return address;
  return skip(
    `Customer ${holder.customerId} has no ${channel === 'SMS' ? 'mobile number' : 'email address'}`,
  );
}

async function couponMessage(
  sql: SqlPort,
  job: NotificationJob,
  offer: Offer,
  now: string,
  orgZone: string,
): Promise<Decision> {
  const holder = job.couponId === null ? null : await loadHolder(sql, job.couponId);
  if (holder === null) return skip(`Coupon ${job.couponId ?? '?'} no longer has a holder`);
  const why = couponSkipReason(holder, offer, now, job.dueAt);
  if (why !== null) return skip(why);
  const contact = contactOf(holder, job.channel);
  if (typeof contact !== 'string') return contact;
  const values = couponValues({
    offer,
    code: holder.coupon.code,
    expiresAt: holder.coupon.expiresAt ?? offer.expiry.endsAt ?? now,
    customerName: holder.name,
    zone: holder.storeZone ?? orgZone,
  });
  if (job.kind === 'RESEND') {
    const r = offer.issuance.resendSms;
    if (!r.enabled) return skip(`Offer "${offer.name}" no longer allows resending by SMS`);
    return send({
      recipient: contact,
      subject: null,
      ...renderSms(r.content, values, r.allowUnicode),
    });
  }
  const reminder = offer.issuance.expiryReminders[job.reminderIndex];
  if (reminder === undefined) return skip(`Reminder ${job.reminderIndex + 1} was removed`);
  // After downtime several reminders of one coupon can be due at once; "3 days left" sent
  // next to "1 day left" only confuses, so the earlier one gives way to the latest.
  const later = await sql.query(laterDueSql, [offer.id, job.subject, job.id, job.dueAt, now]);
  if (later.length > 0) {
    const plan = later[0]?.plan as { daysBefore?: number } | undefined;
    return skip(
      `A later reminder of this coupon (${plan?.daysBefore ?? '?'} day(s) before expiry) is due as well; only that one is sent`,
    );
  }
  if (reminder.channel === 'SMS') {
    return send({
      recipient: contact,
      subject: null,
      ...renderSms(reminder.template, values, reminder.allowUnicode),
    });
  }
  return send({
    recipient: contact,
    unicode: false,
    ...couponReminderEmail(reminder.template, values),
  });
}

/**
 * What to do with a due job now: the message to send (rendered from the offer's current
 * settings, so a corrected template applies until the moment of sending), or why it is no
 * longer meaningful. Called inside the claiming transaction.
 */
export async function decide(
  sql: SqlPort,
  job: NotificationJob,
  offer: Offer,
  now: string,
  orgZone: string,
): Promise<Decision> {
  if (job.kind === 'COUPON_EXPIRY' || job.kind === 'RESEND') {
    return couponMessage(sql, job, offer, now, orgZone);
  }
  if (offerStatusAt(offer, now) === 'EXPIRED') {
    return skip(
      `Offer "${offer.name}" ended on ${offer.expiry.endsAt} before this could be sent (it was due ${job.dueAt})`,
    );
  }
  // A point of contact's address may change, or they may be unpicked, without a new offer
  // version: the job goes only if its address is still one the alert goes to.
  const current = alertRecipients(offer.issuance, job.kind, await loadContacts(sql));
  if (!isAlertRecipient(current, job.subject)) {
    return skip(
      `${job.subject} is no longer a point of contact of offer "${offer.name}" for this ${job.kind === 'OFFER_EXPIRY' ? 'reminder' : 'alert'}`,
    );
  }
  const recipient = job.recipient ?? job.subject;
  if (job.kind === 'OFFER_EXPIRY') {
    const rows = await sql.query<{ issued_count: unknown; redeemed_count: unknown }>(
      'SELECT issued_count, redeemed_count FROM offers WHERE id = $1',
      [offer.id],
    );
    const zone = typeof job.plan.zone === 'string' ? job.plan.zone : orgZone;
    const email = offerExpiryEmail({
      name: offer.name,
      offerCode: offer.offerCode,
      endsAt: offer.expiry.endsAt ?? now,
      orgZone: zone,
      issuedCount: numOf(rows[0]?.issued_count ?? 0),
      redeemedCount: numOf(rows[0]?.redeemed_count ?? 0),
      daysBefore: offer.issuance.offerExpiryReminder.daysBefore,
    });
    return send({ recipient, unicode: false, ...email });
  }
  const email = issualLimitEmail({
    name: offer.name,
    offerCode: offer.offerCode,
    totalLimit: numOf(job.plan.totalLimit),
    issuedCount: numOf(job.plan.issuedCount),
    threshold: numOf(job.plan.threshold),
  });
  return send({ recipient, unicode: false, ...email });
}
