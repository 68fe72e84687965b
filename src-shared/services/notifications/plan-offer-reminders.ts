import type { Offer } from '#shared/domain/offer';
import { alertRecipients } from '#shared/notifications/recipients';
import { offerReminderDue, type Due } from '#shared/notifications/schedule';
import type { SqlPort } from '#shared/sql/port';
import { offerColumns, offerFromRow, type OfferRow } from '../offers/index';
import { loadContacts } from '../org/index';
import { insertJobs, type NewJob } from './insert-jobs';

const DAY_MS = 86_400_000;

const offersSql = /* sql */ `SELECT ${offerColumns} FROM offers o
  WHERE (o.config #>> '{issuance,offerExpiryReminder,enabled}') = 'true'
    AND o.ends_at IS NOT NULL AND o.ends_at > $1`;

/** When this offer's expiry reminder is due, or null when it has none (or no end yet). */
export function offerReminderDueOf(offer: Offer, orgZone: string): Due | null {
  const r = offer.issuance.offerExpiryReminder;
  if (!r.enabled || offer.expiry.endsAt === null) return null;
  return offerReminderDue(offer.expiry.endsAt, orgZone, r.daysBefore);
}

export const offerReminderPlan = (offer: Offer, orgZone: string) => ({
  endsAt: offer.expiry.endsAt,
  daysBefore: offer.issuance.offerExpiryReminder.daysBefore,
  zone: orgZone,
});

/**
 * Schedules the offer expiry reminder to each picked point of contact (at their current
 * address) and each further address, by email at 10:00 org time, once it
 * is within the horizon. An offer that ended while the hub was down still gets its job, which
 * the sender then records as skipped.
 */
export async function planOfferReminders(
  sql: SqlPort,
  w: { now: string; floor: string; horizonDays: number; orgZone: string; maxAttempts: number },
): Promise<number> {
  const offers = (await sql.query<OfferRow>(offersSql, [w.floor])).map(offerFromRow);
  const contacts = offers.length === 0 ? [] : await loadContacts(sql);
  const horizon = Date.parse(w.now) + w.horizonDays * DAY_MS;
  const jobs: NewJob[] = [];
  for (const offer of offers) {
    const due = offerReminderDueOf(offer, w.orgZone);
    if (due === null || Date.parse(due.dueAt) > horizon) continue;
    const tooLate = Date.parse(due.dueAt) < Date.parse(offer.createdAt);
    for (const email of alertRecipients(offer.issuance, 'OFFER_EXPIRY', contacts)) {
      jobs.push({
        kind: 'OFFER_EXPIRY',
        offerId: offer.id,
        couponId: null,
        subject: email.toLowerCase(),
        reminderIndex: 0,
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        channel: 'EMAIL',
        skipReason: tooLate
          ? `Due on ${due.dueDate}, before the offer was created; it ends sooner than the reminder's lead time`
          : null,
        recipient: email,
        plan: offerReminderPlan(offer, w.orgZone),
        offerVersion: offer.version,
      });
    }
  }
  return insertJobs(sql, jobs, w.now, w.maxAttempts);
}
