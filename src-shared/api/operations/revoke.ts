import { z } from 'zod';
import { defineOperation } from '../define';
import { customerRef } from '#shared/domain/customer';

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

/** Revoking an offer's coupons, and asking first what a revoke would do. */
export const revokeOperations = {
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
};
