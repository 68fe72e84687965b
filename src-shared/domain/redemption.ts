import { z } from 'zod';

/**
 * A redemption's own fields: the one list the ledger record, the REDEMPTION fact's payload, the
 * API's view and the SQL row (`services/redemptions/redemption-row.ts`) derive from, so a field
 * added here reaches all four. The strictness is the sync boundary's: a till's fact is parsed
 * with it before the hub writes it into its ledger.
 */
export const redemptionCore = z.object({
  /** The redemption's id, chosen where it was made; the hub keeps it (idempotency by id). */
  id: z.string().min(1),
  couponId: z.string().min(1),
  offerId: z.string().min(1),
  code: z.string().min(1),
  customerId: z.string().nullable(),
  storeId: z.string().min(1),
  tillId: z.string().min(1),
  billAmount: z.string(),
  currency: z.string(),
  discount: z.string(),
  redeemedAt: z.string(),
});
export type RedemptionCore = z.infer<typeof redemptionCore>;

const coreFields = redemptionCore.keyof().options;

/** The core fields of any redemption shape, without the rest. */
export const redemptionCoreOf = (r: RedemptionCore): RedemptionCore =>
  Object.fromEntries(coreFields.map((k) => [k, r[k]])) as RedemptionCore;

/** Everything needed to (re-)apply a redemption to a ledger: also the journal record's payload. */
export const redemptionRecord = redemptionCore.extend({
  deviceTime: z.string().nullable(),
  origin: z.enum(['ONLINE', 'OFFLINE']),
  leaseId: z.string().nullable(),
});
export type RedemptionRecord = z.infer<typeof redemptionRecord>;

/**
 * The REDEMPTION fact's payload: the record the till wrote. A missing customer reads as none;
 * fields the hub does not interpret (device time, origin, …) are kept in its fact log.
 */
export const redemptionFactPayload = redemptionCore
  .extend({ customerId: z.string().nullable().default(null) })
  .loose();
export type RedemptionFactPayload = z.output<typeof redemptionFactPayload>;

/** A redemption as the API answers it. */
export const redemption = redemptionCore.extend({
  offerName: z.string(),
  reversedAt: z.string().nullable(),
  /** Offline-made redemptions: the hub's verdict once synced (null until then). */
  classification: z.string().nullable(),
});
export type Redemption = z.infer<typeof redemption>;
