import type { Offer } from '#shared/domain/offer';
import { couponReminderDue } from '#shared/notifications/schedule';
import type { SqlPort } from '#shared/sql/port';
import { offerColumns, offerFromRow, type OfferRow } from '../offers/index';
import { isoOf } from '../shared/values';
import { insertJobs, type NewJob } from './insert-jobs';

const DAY_MS = 86_400_000;

export type PlanWindow = {
  now: string;
  /** Coupons that expired at or before this were planned by an earlier pass (or are history). */
  floor: string;
  /** How far ahead of its due time a reminder is put in the schedule. */
  horizonDays: number;
  orgZone: string;
  /** Rows per statement, and statements per tick, so one big offer cannot stall a tick. */
  batch: number;
  maxBatches: number;
  maxAttempts: number;
};

export type PlanResult = { planned: number; complete: boolean };

/** Offers whose reminders the hub sends (a third party delivers its own, seed). */
const offersSql = /* sql */ `SELECT ${offerColumns} FROM offers o
  WHERE jsonb_array_length(COALESCE(o.config #> '{issuance,expiryReminders}', '[]'::jsonb)) > 0
    AND COALESCE(o.config ->> 'delivery', 'SYSTEM') <> 'THIRD_PARTY'
    AND (o.ends_at IS NULL OR o.ends_at > $1)`;

/**
 * Issued coupons of one offer expiring in (floor, upper] with no job yet for this reminder.
 * The zone is the customer's home store's; NULL falls back to the org's.
 */
const candidatesSql = /* sql */ `SELECT c.id, c.issued_at, c.expires_at, s.time_zone
  FROM coupons c
  JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN org_entities s ON s.id = cu.home_store_id AND s.type = 'STORE'
  WHERE c.offer_id = $1 AND c.customer_id IS NOT NULL AND c.issued_at IS NOT NULL
    AND c.state = 'ACTIVE' AND c.expires_at > $2 AND c.expires_at <= $3
    AND NOT EXISTS (SELECT 1 FROM notification_jobs j
                     WHERE j.kind = 'COUPON_EXPIRY' AND j.offer_id = $1 AND j.subject = c.id
                       AND j.reminder_index = $4)
  ORDER BY c.expires_at, c.id
  LIMIT $5`;

type Candidate = { id: string; issued_at: unknown; expires_at: unknown; time_zone: string | null };
type Reminder = Offer['issuance']['expiryReminders'][number];

/** The plan a coupon reminder job records, and re-checks after an offer edit. */
export const couponReminderPlan = (r: Reminder, zone: string, expiresAt: string) => ({
  daysBefore: r.daysBefore,
  sendTime: r.sendTime,
  channel: r.channel,
  zone,
  expiresAt,
});

function jobFor(offer: Offer, index: number, r: Reminder, c: Candidate, orgZone: string): NewJob {
  const zone = c.time_zone ?? orgZone;
  const expiresAt = isoOf(c.expires_at);
  const issuedAt = isoOf(c.issued_at);
  const due = couponReminderDue(expiresAt, zone, r);
  // A reminder "3 days before expiry" of a coupon issued the day before it expires was never
  // due for it; recording that once keeps the planner from looking at the coupon again.
  const tooLate = Date.parse(due.dueAt) < Date.parse(issuedAt);
  return {
    kind: 'COUPON_EXPIRY',
    offerId: offer.id,
    couponId: c.id,
    subject: c.id,
    reminderIndex: index,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    channel: r.channel,
    skipReason: tooLate
      ? `Due on ${due.dueDate}, before the coupon was issued (${issuedAt}); the coupon's life is shorter than the reminder's ${r.daysBefore} day(s)`
      : null,
    recipient: null,
    plan: couponReminderPlan(r, zone, expiresAt),
    offerVersion: offer.version,
  };
}

/**
 * Schedules coupon expiry reminders: for every offer with reminders and every reminder, each
 * issued coupon expiring within the reminder's lead time plus the horizon gets one job. Jobs
 * whose time has already passed are still scheduled (and then sent late, or skipped with the
 * reason, by the sender): that is how a hub that was down catches up.
 */
export async function planCouponReminders(sql: SqlPort, w: PlanWindow): Promise<PlanResult> {
  const offers = (await sql.query<OfferRow>(offersSql, [w.floor])).map(offerFromRow);
  let planned = 0;
  let batches = 0;
  for (const offer of offers) {
    const reminders = offer.issuance.expiryReminders;
    for (let index = 0; index < reminders.length; index++) {
      const r = reminders[index] as Reminder;
      const upper = new Date(Date.parse(w.now) + (r.daysBefore + w.horizonDays) * DAY_MS);
      for (;;) {
        if (batches >= w.maxBatches) return { planned, complete: false };
        batches += 1;
        const rows = await sql.query<Candidate>(candidatesSql, [
          offer.id,
          w.floor,
          upper.toISOString(),
          index,
          w.batch,
        ]);
        planned += await insertJobs(
          sql,
          rows.map((c) => jobFor(offer, index, r, c, w.orgZone)),
          w.now,
          w.maxAttempts,
        );
        if (rows.length < w.batch) break;
      }
    }
  }
  return { planned, complete: true };
}
