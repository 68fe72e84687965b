import { z } from 'zod';
import { defineOperation } from '../define';
import { customerRef } from '#shared/domain/customer';
import { currencyCode, instant, moneyString } from '#shared/domain/primitives';
import { redemption } from '#shared/domain/redemption';

export const basketItem = z.object({
  sku: z.string().min(1),
  category: z.string().optional(),
  brand: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  price: moneyString,
  qty: z.number().int().positive(),
  onSale: z.boolean().default(false),
});

export const redemptionRequest = z.object({
  code: z.string().trim().min(1, 'is required').max(64),
  customer: customerRef.optional(),
  billAmount: moneyString,
  currency: currencyCode.optional(),
  storeId: z.string().min(1),
  tillId: z.string().min(1),
  at: instant.optional(),
  items: z.array(basketItem).default([]),
  /** Idempotency key chosen by the till (UUIDv7). */
  clientId: z.string().min(8).max(64).optional(),
});

export const reasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export const validation = z.object({
  valid: z.boolean(),
  discount: z
    .object({
      amount: z.string(),
      currency: z.string(),
      eligibleAmount: z.string(),
      capped: z.boolean(),
    })
    .nullable(),
  reasons: z.array(reasonSchema),
  offerId: z.string().nullable(),
  offerName: z.string().nullable(),
  couponId: z.string().nullable(),
});

export type { Redemption } from '#shared/domain/redemption';

export const redemptionsOperations = {
  'redemptions-validate': defineOperation({
    servedBy: 'both',
    atTill: 'forward',
    method: 'POST',
    path: '/redemptions/validate',
    input: redemptionRequest,
    output: validation,
    // 'device': an online till forwards its cashiers' redemptions to the hub (docs/sync.md).
    roles: ['cashier', 'store_manager', 'back_office', 'admin', 'device'],
    summary:
      'May this code be redeemed for this bill, customer, store and time? Every reason if not',
  }),
  'redemptions-redeem': defineOperation({
    servedBy: 'both',
    atTill: 'forward',
    method: 'POST',
    path: '/redemptions',
    input: redemptionRequest,
    output: z.object({ redemption, replayed: z.boolean() }),
    // 'device': an online till forwards its cashiers' redemptions to the hub (docs/sync.md).
    roles: ['cashier', 'store_manager', 'back_office', 'admin', 'device'],
    summary: 'Redeem a code; idempotent by clientId (a retry never redeems twice)',
  }),
  'redemptions-reverse': defineOperation({
    servedBy: 'both',
    atTill: 'forward',
    method: 'POST',
    path: '/redemptions/:id/reverse',
    input: z.object({
      id: z.string(),
      reason: z.string().max(500).default(''),
      clientId: z.string().optional(),
    }),
    output: z.object({ redemption, replayed: z.boolean() }),
    // 'device': an online till forwards its cashiers' redemptions to the hub (docs/sync.md).
    roles: ['cashier', 'store_manager', 'back_office', 'admin', 'device'],
    summary: 'Reverse a redemption; the coupon is reinstated and shows isReversed',
  }),
  'redemptions-list': defineOperation({
    servedBy: 'both',
    atTill: 'local',
    method: 'GET',
    path: '/redemptions',
    input: z.object({
      tillId: z.string().optional(),
      storeId: z.string().optional(),
      offerId: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(20),
    }),
    output: z.object({ items: z.array(redemption) }),
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Recent redemptions, newest first',
  }),
};
