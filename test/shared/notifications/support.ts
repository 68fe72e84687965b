import type { HandlerContext } from '#shared/api/handlers';
import { customerInput } from '#shared/domain/customer';
import type { OfferInput } from '#shared/domain/offer';
import type {
  Channels,
  OutgoingEmail,
  OutgoingSms,
  SendFailure,
} from '#shared/notifications/types';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import { createCustomer } from '#shared/services/customers/customer-service';
import { createOffer } from '#shared/services/offers/offer-create';
import {
  defaultSchedulerOptions,
  runNotificationTick,
  type SchedulerOptions,
} from '#shared/services/notifications/tick';
import type { SqlPort } from '#shared/sql/port';
import { offerConfig } from '../services/support/offer-fixture';
import { buildOrg } from '../services/support/org-fixture';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Monday 10 Mar 2025, 00:00 IST. */
export const T0 = '2025-03-09T18:30:00.000Z';

export type Sent = {
  at: string;
  channel: 'EMAIL' | 'SMS';
  to: string;
  text: string;
  subject?: string;
};

/**
 * Channels that record what they are handed, with the clock time, and can be told to fail:
 * `failWith` is consulted per message and may throw a SendFailure.
 */
export function recordingChannels(clock: () => Date) {
  const sent: Sent[] = [];
  const failures: { next: ((m: OutgoingEmail | OutgoingSms) => SendFailure | null) | null } = {
    next: null,
  };
  const check = (m: OutgoingEmail | OutgoingSms) => {
    const f = failures.next?.(m) ?? null;
    if (f !== null) throw f;
  };
  const channels: Channels = {
    email: async (m: OutgoingEmail) => {
      check(m);
      sent.push({
        at: clock().toISOString(),
        channel: 'EMAIL',
        to: m.to,
        subject: m.subject,
        text: m.text,
      });
      return { providerId: `mail-${sent.length}` };
    },
    sms: async (m: OutgoingSms) => {
      check(m);
      sent.push({ at: clock().toISOString(), channel: 'SMS', to: m.to, text: m.text });
      return { providerId: `sms-${sent.length}` };
    },
  };
  return { channels, sent, failures };
}

/** Org (stores in Kolkata and Dubai) and a few customers. */
export async function seedWorld(ctx: HandlerContext): Promise<Record<string, string>> {
  await buildOrg(ctx);
  const ids: Record<string, string> = {};
  const people = [
    {
      key: 'ana',
      name: 'Ana',
      mobile: '+919800000001',
      email: 'ana@example.com',
      homeStoreId: 'S1',
    },
    {
      key: 'omar',
      name: 'Omar',
      mobile: '+971500000002',
      email: 'omar@example.com',
      homeStoreId: 'S3',
    },
    {
      key: 'zoe',
      name: 'Zoë',
      mobile: '+919800000003',
      email: 'zoe@example.com',
      homeStoreId: null,
    },
    { key: 'mail', name: 'Mira', email: 'mira@example.com', homeStoreId: 'S2' },
  ];
  for (const p of people) {
    const { key, ...input } = p;
    const c = await createCustomer(customerInput.parse(input), ctx);
    ids[key] = c.id;
  }
  return ids;
}

export function reminderOffer(over: Partial<OfferInput> = {}) {
  return offerConfig({
    name: 'Holi 100 off',
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 7 },
    issuance: {
      expiryReminders: [
        {
          daysBefore: 3,
          channel: 'SMS',
          sendTime: '10:00',
          template: 'Hi {customer_name}, {code} ({discount} off) expires on {expiry_date}',
          allowUnicode: false,
        },
        {
          daysBefore: 1,
          channel: 'EMAIL',
          sendTime: '18:00',
          template: 'Last day tomorrow: {code} for {offer_name}, {customer_name}',
          allowUnicode: false,
        },
      ],
    },
    ...over,
  });
}

export async function makeOffer(ctx: HandlerContext, over: Partial<OfferInput> = {}) {
  return createOffer(reminderOffer(over), ctx);
}

export async function issue(ctx: HandlerContext, offerId: string, email: string) {
  const out = await issueCoupon({ id: offerId, customer: { email } }, ctx);
  return out.coupon;
}

/** A scheduler instance over the database with recording channels and a settable clock. */
export function scheduler(
  sql: SqlPort,
  clock: () => Date,
  channels: Channels,
  instanceId = 'test-1',
  options: Partial<SchedulerOptions> = {},
) {
  return () =>
    runNotificationTick({
      sql,
      now: clock,
      channels,
      instanceId,
      options: { ...defaultSchedulerOptions, backoff: { baseMs: 60_000, maxMs: HOUR }, ...options },
    });
}

export async function jobs(sql: SqlPort, offerId: string) {
  return sql.query<{
    kind: string;
    subject: string;
    reminder_index: number;
    status: string;
    attempts: number;
    skip_reason: string | null;
    last_error: string | null;
    recipient: string | null;
    due_at: string;
  }>(
    `SELECT kind, subject, reminder_index, status, attempts, skip_reason, last_error, recipient, due_at
       FROM notification_jobs WHERE offer_id = $1 ORDER BY due_at, subject, reminder_index`,
    [offerId],
  );
}
