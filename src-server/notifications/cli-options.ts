import { UsageError } from '../platform/cli-command';
import { parseHeaderLine, type SmsConfig } from './sms-channel';
import type { SmtpConfig } from './smtp-channel';

/**
 * The hub command's notification flags, kept here so the hub command only spreads them in.
 * docs/notifications.md describes them.
 */
export const notificationOptions = {
  'smtp-url': { type: 'string' },
  'smtp-from': { type: 'string' },
  'sms-url': { type: 'string' },
  'sms-auth-header': { type: 'string' },
  'clock-offset-days': { type: 'string' },
  'notify-interval-seconds': { type: 'string' },
} as const;

export const notificationUsage = `  --smtp-url URL        send email through this SMTP server (smtp://[user:pass@]host:port, smtps://…)
  --smtp-from ADDRESS   sender of notification emails (default no-reply@counterfoil.invalid)
  --sms-url URL         SMS gateway endpoint; receives POST {to, text, unicode} as JSON
  --sms-auth-header H   header sent to the gateway, e.g. 'Authorization: Bearer TOKEN'
  --clock-offset-days N run the hub N days in the future (demo time travel; may be negative)
  --notify-interval-seconds N  how often reminders are checked (default 15)`;

export type NotificationFlags = {
  smtp: SmtpConfig | null;
  sms: SmsConfig | null;
  intervalMs: number;
  /** Null when no offset was asked for (the hub keeps its own default clock). */
  clock: (() => Date) | null;
};

type Values = { [K in keyof typeof notificationOptions]?: string | undefined };

const DAY_MS = 86_400_000;

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function readNotificationFlags(values: Values): NotificationFlags {
  const smtpUrl = values['smtp-url'];
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new UsageError(`--smtp-url must look like smtp://host:port, got "${smtpUrl}"`);
  }
  const smsUrl = values['sms-url'];
  if (smsUrl !== undefined && !/^https?:\/\/[^/]+/.test(smsUrl)) {
    throw new UsageError(`--sms-url must be an http:// or https:// URL, got "${smsUrl}"`);
  }
  const authHeader = values['sms-auth-header'] ?? null;
  if (authHeader !== null) {
    if (smsUrl === undefined) throw new UsageError('--sms-auth-header needs --sms-url');
    try {
      parseHeaderLine(authHeader);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const offset = values['clock-offset-days'];
  const days = offset === undefined ? null : wholeNumber('clock-offset-days', offset, -3650, 3650);
  const interval = values['notify-interval-seconds'];
  return {
    smtp:
      smtpUrl === undefined
        ? null
        : { url: smtpUrl, ...(values['smtp-from'] ? { from: values['smtp-from'] } : {}) },
    sms: smsUrl === undefined ? null : { url: smsUrl, authHeader },
    intervalMs:
      interval === undefined
        ? 15_000
        : wholeNumber('notify-interval-seconds', interval, 1, 3600) * 1000,
    clock: days === null ? null : () => new Date(Date.now() + days * DAY_MS),
  };
}
