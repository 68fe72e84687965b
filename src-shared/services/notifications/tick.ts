import { defaultBackoff, type Backoff } from '#shared/notifications/schedule';
import {
  SendFailure,
  type Channels,
  type NotificationChannel,
  type ProviderReceipt,
} from '#shared/notifications/types';
import type { SqlPort } from '#shared/sql/port';
import { getOrgSettings } from '../org/index';
import { claimNext } from './claim';
import type { Message } from './decide';
import { DEFAULT_MAX_ATTEMPTS } from './insert-jobs';
import type { NotificationJob } from './job-row';
import { planCouponReminders } from './plan-coupon-reminders';
import { planIssualAlerts } from './plan-issual-alerts';
import { planOfferReminders } from './plan-offer-reminders';
import { planFloor, setPlanFloor } from './plan-floor';
import { reconcilePending } from './reconcile';
import { noteUnconfigured, recordOutcome, recoverStale, type Outcome } from './record';

export type SchedulerOptions = {
  /** A SENDING claim older than this (database clock) from another instance is recovered. */
  staleAfterMs: number;
  /** Messages handed to providers per tick; the rest wait for the next tick. */
  maxSendsPerTick: number;
  maxAttempts: number;
  backoff: Backoff;
  /** Reminders enter the schedule this many days before they are due. */
  horizonDays: number;
  /** After downtime, coupons that expired more than this many days ago are not looked at. */
  catchUpDays: number;
  planBatch: number;
  planMaxBatches: number;
};

export const defaultSchedulerOptions: SchedulerOptions = {
  staleAfterMs: 120_000,
  maxSendsPerTick: 200,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  backoff: defaultBackoff,
  horizonDays: 2,
  catchUpDays: 30,
  planBatch: 1000,
  planMaxBatches: 50,
};

export type SchedulerDeps = {
  sql: SqlPort;
  now: () => Date;
  channels: Channels;
  /** Names this scheduler's claims; a fresh one per start. */
  instanceId: string;
  options: SchedulerOptions;
};

export type TickReport = {
  recovered: number;
  planned: number;
  reconciled: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** True when the tick stopped at a limit and more work is waiting. */
  more: boolean;
};

async function deliver(channels: Channels, job: NotificationJob, m: Message): Promise<Outcome> {
  const idempotencyKey = `counterfoil-${job.id}`;
  try {
    let receipt: ProviderReceipt;
    if (job.channel === 'EMAIL') {
      if (channels.email === null) throw new SendFailure('RETRYABLE', 'no SMTP server configured');
      receipt = await channels.email({
        to: m.recipient,
        subject: m.subject ?? '',
        text: m.text,
        idempotencyKey,
      });
    } else {
      if (channels.sms === null) throw new SendFailure('RETRYABLE', 'no SMS gateway configured');
      receipt = await channels.sms({
        to: m.recipient,
        text: m.text,
        unicode: m.unicode,
        idempotencyKey,
      });
    }
    return { ok: true, providerId: receipt.providerId };
  } catch (error) {
    if (error instanceof SendFailure) return { ok: false, kind: error.kind, error: error.message };
    // A channel that throws something unexpected may have sent: treat as unknown.
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: 'UNCERTAIN', error: text };
  }
}

/**
 * One pass of the scheduler: recover stale claims, plan what has come within the horizon,
 * re-plan jobs whose offer was edited, then send what is due, one message at a time (claim,
 * hand over, record). Safe to run on several hubs at once: every step is keyed or locked.
 */
export async function runNotificationTick(d: SchedulerDeps): Promise<TickReport> {
  const { sql, options: opt } = d;
  const now = d.now().toISOString();
  const orgZone = (await getOrgSettings(sql)).timeZone;
  const report: TickReport = {
    recovered: await recoverStale(sql, {
      instanceId: d.instanceId,
      staleAfterMs: opt.staleAfterMs,
      now,
    }),
    planned: 0,
    reconciled: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    skipped: 0,
    more: false,
  };
  const floor = await planFloor(sql, now, opt.catchUpDays);
  const window = {
    now,
    floor,
    horizonDays: opt.horizonDays,
    orgZone,
    maxAttempts: opt.maxAttempts,
  };
  const coupons = await planCouponReminders(sql, {
    ...window,
    batch: opt.planBatch,
    maxBatches: opt.planMaxBatches,
  });
  report.planned += coupons.planned;
  report.planned += await planOfferReminders(sql, window);
  report.planned += await planIssualAlerts(sql, { now, orgZone, maxAttempts: opt.maxAttempts });
  // The floor moves only after a complete pass, so a pass cut short by its batch limit is
  // finished by the next tick before anything below the floor is forgotten.
  if (coupons.complete) await setPlanFloor(sql, now);
  else report.more = true;
  report.reconciled = await reconcilePending(sql, now, orgZone);

  const channels: NotificationChannel[] = [];
  if (d.channels.email !== null) channels.push('EMAIL');
  else await noteUnconfigured(sql, 'EMAIL', now);
  if (d.channels.sms !== null) channels.push('SMS');
  else await noteUnconfigured(sql, 'SMS', now);

  for (let handled = 0; ; handled++) {
    if (handled >= opt.maxSendsPerTick) {
      report.more = true;
      break;
    }
    const at = d.now().toISOString();
    const claim = await claimNext(sql, { now: at, instanceId: d.instanceId, channels, orgZone });
    if (claim === null) break;
    if (claim.outcome === 'SKIPPED') report.skipped += 1;
    if (claim.outcome !== 'CLAIMED') continue;
    const outcome = await deliver(d.channels, claim.job, claim.message);
    const recorded = await recordOutcome(sql, {
      job: claim.job,
      instanceId: d.instanceId,
      startedAt: at,
      now: d.now().toISOString(),
      outcome,
      backoff: opt.backoff,
    });
    if (recorded === 'SENT') report.sent += 1;
    else if (recorded === 'RETRY') report.retried += 1;
    else report.failed += 1;
  }
  return report;
}
