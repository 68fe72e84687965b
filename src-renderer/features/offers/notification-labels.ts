import type { NotificationItem } from '#shared/api/operations/notifications';
import {
  notificationStatuses,
  type NotificationKind,
  type NotificationStatus,
} from '#shared/notifications/types';

export const statusLabels: Record<NotificationStatus, string> = {
  PENDING: 'Pending',
  SENDING: 'Sending',
  SENT: 'Sent',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
};
export const statusOrder = notificationStatuses;

export const kindLabels: Record<NotificationKind, string> = {
  COUPON_EXPIRY: 'Coupon expiry reminder',
  OFFER_EXPIRY: 'Offer expiry reminder',
  ISSUAL_LIMIT: 'Issual limit alert',
  RESEND: 'Resend',
};

/** "Coupon expiry reminder 2", "Resend #3", "Issual limit alert": what this row is. */
export const describeKind = (n: Pick<NotificationItem, 'kind' | 'reminderIndex'>): string => {
  switch (n.kind) {
    case 'COUPON_EXPIRY':
      return `${kindLabels.COUPON_EXPIRY} ${n.reminderIndex + 1}`;
    case 'RESEND':
      return `${kindLabels.RESEND} #${n.reminderIndex}`;
    default:
      return kindLabels[n.kind];
  }
};

/** Why a row is where it is: the skip reason for SKIPPED, else the last error, if any. */
export const whyOf = (n: Pick<NotificationItem, 'status' | 'lastError' | 'skipReason'>): string =>
  (n.status === 'SKIPPED' ? (n.skipReason ?? n.lastError) : (n.lastError ?? n.skipReason)) ?? '';

/** Total of the per-status counts ("All (n)"). */
export const totalOf = (counts: Partial<Record<NotificationStatus, number>>): number =>
  statusOrder.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
