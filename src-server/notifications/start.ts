import { randomUUID } from 'node:crypto';
import type { Channels } from '#shared/notifications/types';
import {
  defaultSchedulerOptions,
  runNotificationTick,
  type SchedulerOptions,
  type TickReport,
} from '#shared/services/notifications/tick';
import type { SqlPort } from '#shared/sql/port';
import { createSmsChannel, type SmsConfig } from './sms-channel';
import { createSmtpChannel, type SmtpConfig } from './smtp-channel';

export type NotificationsConfig = {
  sql: SqlPort;
  /** The hub's clock; the demo's --clock-offset-days and tests move it. */
  clock: () => Date;
  smtp: SmtpConfig | null;
  sms: SmsConfig | null;
  /** Time between ticks; 0 runs no loop (tests call tick()). Default 15 s. */
  intervalMs?: number;
  options?: Partial<SchedulerOptions>;
  onTick?: (report: TickReport) => void;
  onError?: (error: unknown) => void;
};

export type RunningNotifications = {
  /** Runs one pass now (after any pass in progress) and resolves with its report. */
  tick(): Promise<TickReport>;
  /** Stops the loop, waits for the pass in progress and closes the SMTP connection. */
  stop(): Promise<void>;
  readonly instanceId: string;
};

/**
 * The hub's notification scheduler: a loop of ticks over the jobs in the database. All state
 * is in the database, so a new instance (after a restart, or on another hub) carries on
 * where the last one stopped.
 */
export function startNotifications(config: NotificationsConfig): RunningNotifications {
  const email = config.smtp ? createSmtpChannel(config.smtp) : null;
  const sms = config.sms ? createSmsChannel(config.sms) : null;
  const channels: Channels = {
    email: email ? (m) => email.send(m) : null,
    sms: sms ? (m) => sms.send(m) : null,
  };
  const instanceId = `hub-${process.pid}-${randomUUID().slice(0, 8)}`;
  const options = { ...defaultSchedulerOptions, ...config.options };
  const intervalMs = config.intervalMs ?? 15_000;
  const onError = config.onError ?? ((e: unknown) => console.error('[notifications]', e));
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const tick = (): Promise<TickReport> => {
    const run = queue.then(() =>
      runNotificationTick({ sql: config.sql, now: config.clock, channels, instanceId, options }),
    );
    queue = run.catch(() => undefined);
    return run;
  };

  const schedule = (delay: number): void => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      tick().then(
        (report) => {
          config.onTick?.(report);
          schedule(report.more ? 0 : intervalMs);
        },
        (error: unknown) => {
          onError(error);
          schedule(intervalMs);
        },
      );
    }, delay);
    timer.unref();
  };
  schedule(0);

  return {
    instanceId,
    tick,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await queue;
      email?.close();
    },
  };
}

/** One log line naming the channels, without credentials (user:pass in a URL, auth headers). */
export function describeNotificationChannels(
  n: { smtp?: SmtpConfig | null; sms?: SmsConfig | null } | undefined,
): string {
  const where = (url: string) => {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  };
  const email = n?.smtp ? `via ${where(n.smtp.url)}` : 'off (no --smtp-url)';
  const sms = n?.sms ? `via ${where(n.sms.url)}` : 'off (no --sms-url)';
  return `notifications: email ${email}, SMS ${sms}`;
}
