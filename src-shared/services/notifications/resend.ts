import { ApiError, notFound } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { NotificationItem } from '#shared/api/operations/notifications';
import { couponStatusAt } from '#shared/engine/status';
import { localDateOf } from '#shared/notifications/schedule';
import { audit } from '../shared/audit';
import { actorOf } from '../shared/clock';
import { isoOf, numOf } from '../shared/values';
import { requireOffer } from '../offers/index';
import { getOrgSettings } from '../org/index';
import { loadHolder } from './coupon-check';
import { insertJobs } from './insert-jobs';
import { jobColumns, jobFromRow, toItem } from './job-row';

/**
 * Queues a resend of an issued coupon by SMS with the offer's resend text ("a customer missed
 * the coupon and asks an executive to resend it", seed). The hub's scheduler sends it on its
 * next tick; the log shows it PENDING until then. One resend of a coupon may wait at a time,
 * so a double click does not message the customer twice.
 */
export async function resendCoupon(
  couponId: string,
  ctx: HandlerContext,
): Promise<NotificationItem> {
  if (ctx.host !== 'hub') {
    throw new ApiError(
      'UNAVAILABLE',
      'Resending a coupon goes through the hub\u2019s SMS gateway; use back office connected to the hub',
    );
  }
  const now = ctx.now().toISOString();
  const orgZone = (await getOrgSettings(ctx.sql)).timeZone;
  return ctx.sql.transaction(async (tx) => {
    const locked = await tx.query<{ offer_id: string }>(
      'SELECT offer_id FROM coupons WHERE id = $1 FOR UPDATE',
      [couponId],
    );
    if (!locked[0]) throw notFound('Coupon', couponId);
    const offer = await requireOffer(tx, locked[0].offer_id);
    if (!offer.issuance.resendSms.enabled) {
      throw new ApiError(
        'RULE_FAILED',
        `Offer "${offer.name}" does not allow resending coupons; enable "SMS content for resending the coupon" in its issuance settings`,
        { field: 'issuance.resendSms.enabled' },
      );
    }
    const holder = await loadHolder(tx, couponId);
    if (holder === null) {
      throw new ApiError(
        'RULE_FAILED',
        `Coupon ${couponId} is not issued to a customer; only an issued, active coupon can be resent`,
        { field: 'id', status: 'UNISSUED' },
      );
    }
    const coupon = holder.coupon;
    const status = couponStatusAt(coupon, now, offer);
    if (status !== 'ACTIVE') {
      throw new ApiError(
        'RULE_FAILED',
        `Coupon ${coupon.code} is ${status.toLowerCase()}; only an issued, active coupon can be resent`,
        { field: 'id', status },
      );
    }
    if (holder.mobile === null || holder.mobile === '') {
      throw new ApiError(
        'RULE_FAILED',
        `Customer ${holder.customerId} has no mobile number; add one to the customer before resending`,
        { field: 'customer.mobile' },
      );
    }
    const waiting = await tx.query<{ created_at: unknown }>(
      `SELECT created_at FROM notification_jobs
        WHERE kind = 'RESEND' AND subject = $1 AND status IN ('PENDING', 'SENDING')`,
      [couponId],
    );
    if (waiting[0]) {
      throw new ApiError(
        'CONFLICT',
        `A resend of coupon ${coupon.code} is already queued (since ${isoOf(waiting[0].created_at)}); it goes out within a minute`,
        { field: 'id' },
      );
    }
    const count = await tx.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM notification_jobs WHERE kind = 'RESEND' AND subject = $1`,
      [couponId],
    );
    const number = numOf(count[0]?.n ?? 0) + 1;
    const dueDate = localDateOf(now, holder.storeZone ?? orgZone);
    await insertJobs(
      tx,
      [
        {
          kind: 'RESEND',
          offerId: offer.id,
          couponId,
          subject: couponId,
          reminderIndex: number,
          dueDate,
          dueAt: now,
          channel: 'SMS',
          skipReason: null,
          recipient: null,
          plan: { requestedBy: actorOf(ctx.principal) },
          offerVersion: offer.version,
        },
      ],
      now,
    );
    const rows = await tx.query(
      `SELECT ${jobColumns} FROM notification_jobs j
        WHERE j.kind = 'RESEND' AND j.subject = $1 AND j.reminder_index = $2`,
      [couponId, number],
    );
    await audit(tx, {
      at: now,
      actor: actorOf(ctx.principal),
      action: 'coupon.resend',
      entityType: 'coupon',
      entityId: couponId,
      details: { offerId: offer.id, code: coupon.code },
    });
    return toItem(jobFromRow(rows[0] as never), coupon.code, holder.mobile);
  });
}
