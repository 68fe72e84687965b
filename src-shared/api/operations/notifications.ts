import { z } from 'zod';
import { defineOperation } from '../define';
import {
  notificationChannels,
  notificationKinds,
  notificationStatuses,
} from '#shared/notifications/types';
import { queryInt } from './common';

export const notificationKind = z.enum(notificationKinds);
export const notificationStatus = z.enum(notificationStatuses);

/** One row of an offer's notification log (docs/notifications.md). */
export const notificationItem = z.object({
  id: z.string(),
  kind: notificationKind,
  channel: z.enum(notificationChannels),
  /** Mobile or email; for a customer message not yet sent, the customer's current contact. */
  recipient: z.string().nullable(),
  status: notificationStatus,
  couponId: z.string().nullable(),
  couponCode: z.string().nullable(),
  /** Coupon reminders: position in the offer's reminder list (0-based); alerts: crossing no. */
  reminderIndex: z.number().int(),
  dueDate: z.string(),
  dueAt: z.string(),
  /** PENDING: when it is next tried. */
  nextAttemptAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  skipReason: z.string().nullable(),
  /** The message as handed to the provider (null until then). */
  subject: z.string().nullable(),
  text: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const notificationsOperations = {
  'notifications-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers/:id/notifications',
    input: z.object({
      id: z.string().min(1),
      status: notificationStatus.optional(),
      kind: notificationKind.optional(),
      limit: queryInt(1, 1000, 200),
    }),
    output: z.object({
      items: z.array(notificationItem),
      /** Every notification of the offer by status, whatever the filter. */
      counts: z.record(notificationStatus, z.number().int()),
    }),
    roles: ['back_office', 'admin'],
    summary:
      'The offer\u2019s notification log: reminders, alerts and resends with status, attempts and the last error, newest due first',
  }),
  'coupons-resend': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/coupons/:id/resend',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({
      notification: notificationItem,
      /**
       * Whether the hub serving this call can send SMS: false, the resend waits until it is
       * started with a gateway; null, it cannot tell.
       */
      smsGateway: z.boolean().nullable(),
    }),
    roles: ['back_office', 'admin', 'store_manager'],
    summary:
      'Queue an SMS with the offer\u2019s resend text to the holder of an issued, active coupon (by coupon id)',
  }),
};
