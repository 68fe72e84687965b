import { z } from 'zod';
import { defineOperation } from '../define';
import { coupon, couponStatus } from '#shared/domain/coupon';
import { customerRef } from '#shared/domain/customer';
import { instant, orgEntityType } from '#shared/domain/primitives';
import { offerSummary } from './offers';

export const issuedCoupon = coupon.extend({ status: couponStatus, offerName: z.string() });

export const revokeMode = z.enum(['ALL_UNREDEEMED', 'UNISSUED', 'CUSTOMERS']);
const revokeInput = z.object({
  id: z.string(),
  mode: revokeMode,
  customers: z.array(customerRef).optional(),
  /** Alternative to `customers`: a CSV with one identifier column (userId/email/mobile/externalId). */
  customersCsv: z.string().optional(),
});
const unknownCustomers = z.array(
  z.object({ row: z.number(), identifier: z.string(), message: z.string() }),
);

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
  'coupons-revoke': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/revoke',
    input: revokeInput,
    output: z.object({
      revoked: z.number(),
      codes: z.array(z.string()),
      unknownCustomers,
      /** Offer-wide revokes of an offer that makes its codes at issue time close its issuance. */
      issuanceClosedAt: z.string().nullable(),
    }),
    roles: ['back_office', 'admin'],
    summary: 'Revoke all unredeemed, only unissued, or listed customers\u2019 coupons',
  }),
  'coupons-revoke-preview': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'POST',
    path: '/offers/:id/revoke/preview',
    input: revokeInput,
    output: z.object({
      /** Coupons the same revoke would revoke now. */
      coupons: z.number(),
      unknownCustomers,
      /** The revoke would also close the offer to further issuance. */
      closesIssuance: z.boolean(),
    }),
    roles: ['back_office', 'admin'],
    summary: 'How many coupons a revoke would affect, changing nothing (asked before confirming)',
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
  'series-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/series',
    input: z.object({
      orgEntityType,
      orgEntityIds: z
        .union([z.string(), z.array(z.string())])
        .transform((v) => (Array.isArray(v) ? v : [v])),
    }),
    output: z.object({ items: z.array(offerSummary) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Offers tagged directly to tills, stores, zones or concepts (one type per request)',
  }),
};
