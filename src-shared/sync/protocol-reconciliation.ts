import { z } from 'zod';
import { classification } from './protocol';

/** The wire format of reconciliation: the hub's items for offline redemptions not accepted. */

export const resolution = z.enum(['ACCEPT_WRITE_OFF', 'REVERSE_REDEMPTION', 'REVOKE_COUPON']);
export type Resolution = z.infer<typeof resolution>;
/** Another redemption of the same coupon, shown beside the flagged one to decide between them. */
export const conflictingRedemption = z.object({
  redemptionId: z.string(),
  storeId: z.string(),
  tillId: z.string(),
  discount: z.string(),
  currency: z.string(),
  redeemedAt: z.string(),
  offline: z.boolean(),
  reversedAt: z.string().nullable(),
});
export const reconciliationItem = z.object({
  id: z.string(),
  classification,
  status: z.enum(['OPEN', 'RESOLVED']),
  redemptionId: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  offerId: z.string(),
  offerName: z.string(),
  couponId: z.string(),
  code: z.string(),
  customerId: z.string().nullable(),
  discount: z.string(),
  currency: z.string(),
  redeemedAt: z.string(),
  receivedAt: z.string(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  meaning: z.string(),
  resolution: resolution.nullable(),
  resolutionReason: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** The coupon's other redemptions, latest first (at most a few). */
  conflicts: z.array(conflictingRedemption),
});
export type ReconciliationItem = z.infer<typeof reconciliationItem>;
export const reconciliationListInput = z.object({
  storeId: z.string().optional(),
  offerId: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  classification: classification.optional(),
  status: z.enum(['OPEN', 'RESOLVED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const reconciliationListOutput = z.object({
  items: z.array(reconciliationItem),
  total: z.number().int(),
});
export const reconciliationResolveInput = z.object({
  id: z.string().min(1),
  action: resolution,
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(1000),
});
