/**
 * What the notification scheduler hands to a channel, and what a channel may answer. Channels
 * live in the host (src-server: SMTP, HTTP SMS gateway); the scheduler and its SQL live in
 * src-shared and only see these types.
 */
export const notificationKinds = [
  'COUPON_EXPIRY',
  'OFFER_EXPIRY',
  'ISSUAL_LIMIT',
  'RESEND',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationChannels = ['SMS', 'EMAIL'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * PENDING: waiting for its due time (or its next retry). SENDING: claimed and handed to the
 * provider; the outcome is not recorded yet. SENT / FAILED / SKIPPED are final.
 */
export const notificationStatuses = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/** Sent to the provider with every message so one that de-duplicates can drop a replay. */
export type OutgoingEmail = { to: string; subject: string; text: string; idempotencyKey: string };
export type OutgoingSms = { to: string; text: string; unicode: boolean; idempotencyKey: string };
export type ProviderReceipt = { providerId: string | null };

export type Channels = {
  email: ((message: OutgoingEmail) => Promise<ProviderReceipt>) | null;
  sms: ((message: OutgoingSms) => Promise<ProviderReceipt>) | null;
};

/**
 * How a send failed, which decides what the scheduler does next:
 *  - RETRYABLE: the provider certainly did not take the message (connection refused, 4xx SMTP
 *    reply, HTTP 429/5xx): retried with exponential backoff.
 *  - PERMANENT: the provider refused it for good (5xx SMTP reply, HTTP 4xx): FAILED now.
 *  - UNCERTAIN: the message may have gone out (connection lost or timed out after it was
 *    handed over): FAILED without a retry, because a retry could message the person twice.
 */
export type SendFailureKind = 'RETRYABLE' | 'PERMANENT' | 'UNCERTAIN';

export class SendFailure extends Error {
  override name = 'SendFailure';
  readonly kind: SendFailureKind;
  constructor(kind: SendFailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
