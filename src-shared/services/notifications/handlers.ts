import type { HandlerGroup } from '#shared/api/handlers';
import { listNotifications } from './list';
import { resendCoupon } from './resend';

export const notificationsHandlers: HandlerGroup<'notifications-list' | 'coupons-resend'> = {
  'notifications-list': (input, ctx) => listNotifications(ctx.sql, input),
  'coupons-resend': async (input, ctx) => ({
    notification: await resendCoupon(input.id, ctx),
    smsGateway: ctx.channels?.sms ?? null,
  }),
};
