import { z } from 'zod';
import { defineOperation } from '../define';
import { coupon, couponStatus } from '#shared/domain/coupon';
import { customerRef } from '#shared/domain/customer';
import { instant } from '#shared/domain/primitives';

export const issuedCoupon = coupon.extend({ status: couponStatus, offerName: z.string() });

export const couponsOperations = {
  'coupons-issue': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/offers/:id/coupons',
    input: z.object({
      id: z.string(),
      customer: customerRef,
      /** Migrated coupons keep their original issue time. */
      issuedAt: instant.optional(),
      /** UPLOADED offers: the code to hand out; otherwise generated. */
      code: z.string().optional(),
    }),
    output: z.object({ coupon: issuedCoupon, resent: z.boolean(), thresholdReached: z.boolean() }),
    roles: ['back_office', 'admin', 'store_manager'],
    summary: 'Issue one coupon to a customer',
  }),
  'coupons-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/coupons/:code',
    input: z.object({ code: z.string().min(1) }),
    output: z.object({ items: z.array(issuedCoupon) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Coupon details by code, including reversal status',
  }),
};
