/**
 * A fact made at a till (DESIGN §7): numbered with a gap-free tillSeq in the same local
 * transaction that records it, pushed to the hub in order, never lost.
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
