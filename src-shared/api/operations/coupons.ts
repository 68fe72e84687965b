import { z } from 'zod';
import { defineOperation } from '../define';
import { coupon, couponStatus } from '../../domain/coupon';
import { customerRef } from '../../domain/customer';
import { instant, orgEntityType } from '../../domain/primitives';
import { offerSummary } from './offers';
import { csvText, idParam } from './common';

export const issuedCoupon = coupon.extend({ status: couponStatus, offerName: z.string() });

export const uploadKind = z.enum(['CUSTOMERS', 'CODES', 'CODES_WITH_CUSTOMERS']);
export const upload = z.object({
  id: z.string(),
  offerId: z.string(),
  kind: uploadKind,
  fileName: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'FAILED']),
  totalRows: z.number(),
  processedRows: z.number(),
  okRows: z.number(),
  errorRows: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type Upload = z.infer<typeof upload>;

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
  'uploads-create': defineOperation({
    servedBy: 'both',
    atTill: 'command',
    method: 'POST',
    path: '/offers/:id/uploads',
    body: 'csv',
    input: csvText.extend({
      id: z.string(),
      kind: uploadKind.default('CUSTOMERS'),
      fileName: z.string().default('upload.csv'),
    }),
    output: upload,
    roles: ['back_office', 'admin'],
    summary: 'Upload a CSV of customers and/or codes; runs as a job with progress',
  }),
  'uploads-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/offers/:id/uploads',
    input: idParam,
    output: z.object({ items: z.array(upload) }),
    roles: ['back_office', 'admin'],
    summary: 'Uploads of an offer, newest first',
  }),
  'uploads-get': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/uploads/:id',
    input: idParam,
    output: upload,
    roles: ['back_office', 'admin'],
    summary: 'Status and progress of one upload',
  }),
  'uploads-issues': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/uploads/:id/issues.csv',
    input: idParam,
    output: csvText,
    response: 'csv',
    roles: ['back_office', 'admin'],
    summary: 'The rows that failed: row number, identifier, field and reason',
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
