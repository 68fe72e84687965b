import { z } from 'zod';

/**
 * A fact made at a till: numbered with a gap-free tillSeq in the same local
 * transaction that records it, pushed to the hub in order, never lost.
 * See docs/architecture.md, "Facts up".
 */
export type TillFactKind = 'REDEMPTION' | 'REVERSAL' | 'ISSUANCE';

export type TillFact = {
  kind: TillFactKind;
  /** The client id of the fact (the redemption id, the reversal id, …). */
  clientId: string;
  /** Device wall-clock time; recorded, never trusted for ordering. */
  deviceTime: string;
  /** Lease the till used to act offline, when any. */
  leaseId: string | null;
  payload: Record<string, unknown>;
};

/**
 * What the hub needs in each kind's payload to write the fact into its ledger. The till's
 * handlers build these (redeem → REDEMPTION with the ledger's record, whose payload schema is
 * `redemptionFactPayload` in domain/redemption.ts; reverse → REVERSAL with its ReversalRecord;
 * issue → ISSUANCE); extra fields are kept in the hub's fact log but not interpreted.
 */
export const reversalFactPayload = z.looseObject({
  /** The redemption being reversed. */
  redemptionId: z.string().min(1),
  reversalId: z.string().min(1).optional(),
  reason: z.string().default(''),
  reversedAt: z.string(),
});

export const issuanceFactPayload = z.looseObject({
  couponId: z.string().min(1),
  offerId: z.string().min(1),
  code: z.string().min(1),
  customerId: z.string().nullable().default(null),
  issuedAt: z.string(),
  expiresAt: z.string().nullable().default(null),
});

/** A fact as it travels in a push: the outbox row. */
export const pushedFact = z.object({
  tillSeq: z.number().int().positive(),
  clientId: z.string().min(8).max(64),
  kind: z.enum(['REDEMPTION', 'REVERSAL', 'ISSUANCE']),
  deviceTime: z.string(),
  leaseId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type PushedFact = z.infer<typeof pushedFact>;
