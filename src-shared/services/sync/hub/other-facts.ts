import type { SqlPort } from '../../../sql/port';
import { issuanceFactPayload, reversalFactPayload, type PushedFact } from '../../../sync/facts';
import { applyReversal } from '../../redemptions/ledger';
import type { Device } from './devices';

/** What became of a reversal or issuance fact. */
export type OtherOutcome =
  { kind: 'applied' } | { kind: 'known' } | { kind: 'invalid'; error: string };

/**
 * A reversal made at the till: the same write as an online reversal. A reversal the hub already
 * has changes nothing; an open reconciliation item on the redemption is resolved by it.
 */
export const applyReversalFact = async (
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  at: string,
): Promise<OtherOutcome> => {
  const parsed = reversalFactPayload.safeParse(fact.payload);
  if (!parsed.success)
    return { kind: 'invalid', error: `malformed REVERSAL payload: ${parsed.error.message}` };
  const p = parsed.data;
  const { applied } = await applyReversal(tx, {
    redemptionId: p.redemptionId,
    reversalId: p.reversalId ?? fact.clientId,
    reversedAt: p.reversedAt,
    reason: p.reason,
  });
  if (!applied) {
    const exists = await tx.query('SELECT 1 FROM redemptions WHERE id = $1', [p.redemptionId]);
    return exists.length === 0
      ? {
          kind: 'invalid',
          error: `reverses redemption ${p.redemptionId}, which the hub does not have`,
        }
      : { kind: 'known' };
  }
  await tx.query(
    `UPDATE reconciliation_items SET status = 'RESOLVED', resolution = 'REVERSE_REDEMPTION',
            resolution_reason = 'reversed at the till', resolved_by = $2, resolved_at = $3
      WHERE redemption_id = $1 AND status = 'OPEN'`,
    [p.redemptionId, `till:${device.tillId}`, at],
  );
  return { kind: 'applied' };
};

/** A coupon issued at the till: inserted unless the hub has it (by id, or its code in the offer). */
export const applyIssuanceFact = async (tx: SqlPort, fact: PushedFact): Promise<OtherOutcome> => {
  const parsed = issuanceFactPayload.safeParse(fact.payload);
  if (!parsed.success)
    return { kind: 'invalid', error: `malformed ISSUANCE payload: ${parsed.error.message}` };
  const p = parsed.data;
  const offer = await tx.query('SELECT 1 FROM offers WHERE id = $1', [p.offerId]);
  if (offer.length === 0)
    return {
      kind: 'invalid',
      error: `issues a coupon of offer ${p.offerId}, which the hub does not have`,
    };
  // Coupons carry no foreign keys (migration 0008), so the hub checks the holder itself.
  if (p.customerId !== null) {
    const holder = await tx.query('SELECT 1 FROM customers WHERE id = $1', [p.customerId]);
    if (holder.length === 0)
      return {
        kind: 'invalid',
        error: `issues a coupon to customer ${p.customerId}, whom the hub does not have`,
      };
  }
  const inserted = await tx.query(
    `INSERT INTO coupons (id, offer_id, code, customer_id, issued_at, expires_at, last_status_change_on)
     VALUES ($1, $2, $3, $4, $5, $6, $5) ON CONFLICT DO NOTHING RETURNING id`,
    [p.couponId, p.offerId, p.code, p.customerId, p.issuedAt, p.expiresAt],
  );
  if (inserted.length === 0) return { kind: 'known' };
  await tx.query(
    `UPDATE offers SET issued_count = issued_count + 1,
            last_issued_at = GREATEST(COALESCE(last_issued_at, $2), $2) WHERE id = $1`,
    [p.offerId, p.issuedAt],
  );
  return { kind: 'applied' };
};
