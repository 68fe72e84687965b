import nodemailer from 'nodemailer';
import { SendFailure, type OutgoingEmail, type ProviderReceipt } from '#shared/notifications/types';

export type SmtpConfig = {
  /** smtp://[user:pass@]host:port or smtps://… (implicit TLS). `?from=` sets the sender. */
  url: string;
  from?: string;
  timeoutMs?: number;
};

export type EmailChannel = {
  send(message: OutgoingEmail): Promise<ProviderReceipt>;
  close(): void;
};

export const DEFAULT_FROM = 'Counterfoil <no-reply@counterfoil.invalid>';

/** SMTP commands after which the message may already be with the server. */
const AFTER_HANDOVER = new Set(['DATA', 'BDAT', 'STREAM', 'MESSAGE']);

type SmtpError = Error & { code?: string; responseCode?: number; command?: string };

/**
 * Reads a nodemailer error as the scheduler's failure kinds. A numeric SMTP reply is the
 * server's decision: 4xx is "try later" (nothing was accepted), 5xx is "never". Without a
 * reply, what matters is whether the connection failed before the message was handed over
 * (retry is safe) or during/after DATA (it may have been accepted: unknown).
 */
export function classifySmtpError(error: unknown): SendFailure {
  const e = error as SmtpError;
  const text = `${e.code ?? 'SMTP'}${e.command ? ` at ${e.command}` : ''}: ${e.message ?? String(error)}`;
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 400 && e.responseCode < 500) return new SendFailure('RETRYABLE', text);
    if (e.responseCode >= 500) return new SendFailure('PERMANENT', text);
  }
  if (e.code === 'ECONNECTION' || e.code === 'EDNS' || e.code === 'ETLS') {
    return new SendFailure('RETRYABLE', text);
  }
  if (e.command !== undefined && !AFTER_HANDOVER.has(e.command.toUpperCase())) {
    return new SendFailure('RETRYABLE', text);
  }
  if (e.command === undefined && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(e.message ?? '')) {
    return new SendFailure('RETRYABLE', text);
  }
  return new SendFailure('UNCERTAIN', text);
}

function transportOptions(config: SmtpConfig) {
  const u = new URL(config.url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new Error(`--smtp-url must start with smtp:// or smtps://, got "${config.url}"`);
  }
  const secure = u.protocol === 'smtps:';
  const timeout = config.timeoutMs ?? 30_000;
  return {
    host: u.hostname,
    port: u.port === '' ? (secure ? 465 : 25) : Number(u.port),
    secure,
    auth:
      u.username === ''
        ? undefined
        : { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

/** Email over SMTP with nodemailer; one connection per message (reminders are not bulk mail). */
export function createSmtpChannel(config: SmtpConfig): EmailChannel {
  const from = config.from ?? new URL(config.url).searchParams.get('from') ?? DEFAULT_FROM;
  const transport = nodemailer.createTransport(transportOptions(config));
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          // A receiving system that de-duplicates by Message-ID drops a replay of this job.
          messageId: `<${m.idempotencyKey}@counterfoil>`,
          headers: { 'X-Counterfoil-Idempotency-Key': m.idempotencyKey },
        });
        return { providerId: info.messageId ?? info.response ?? null };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
