import type { SqlPort } from '#shared/sql/port';
import { issuanceFactPayload, reversalFactPayload, type PushedFact } from '#shared/sync/facts';
import { applyReversal } from '#shared/services/redemptions/index';
import { invalid, rejected, type PushScope, type Refusal } from './refused-facts';

/** What became of a reversal or issuance fact. */
export type OtherOutcome = { kind: 'applied' } | { kind: 'known' } | Refusal;

const badInstant = (field: string, v: string | null): Refusal | null =>
  v !== null && Number.isNaN(Date.parse(v))
    ? invalid('BAD_TIME', `${field} ${JSON.stringify(v)} is not a date and time`)
    : null;

/**
 * A reversal made at the till: the same write as an online reversal. A reversal the hub already
 * has changes nothing; an open reconciliation item on the redemption is resolved by it.
 */
export const applyReversalFact = async (
  tx: SqlPort,
  device: PushScope,
  fact: PushedFact,
  at: string,
): Promise<OtherOutcome> => {
  const parsed = reversalFactPayload.safeParse(fact.payload);
  if (!parsed.success)
    return invalid('MALFORMED', `malformed REVERSAL payload: ${parsed.error.message}`);
  const p = parsed.data;
  const bad = badInstant('reversedAt', p.reversedAt);
  if (bad) return bad;
  // A device reverses only redemptions made in its own store, as the online route allows.
  const target = await tx.query<{ store_id: string }>(
    'SELECT store_id FROM redemptions WHERE id = $1',
    [p.redemptionId],
  );
  if (!target[0])
    return invalid(
      'UNKNOWN_REDEMPTION',
      `reverses redemption ${p.redemptionId}, which the hub does not have`,
    );
  if (target[0].store_id !== device.storeId)
    return rejected(
      'OTHER_STORE',
      `redemption ${p.redemptionId} was made in store ${target[0].store_id}; till ${device.tillId} may reverse only its own store's`,
    );
  const { applied } = await applyReversal(tx, {
    redemptionId: p.redemptionId,
    reversalId: p.reversalId ?? fact.clientId,
    reversedAt: p.reversedAt,
    reason: p.reason,
  });
  if (!applied) return { kind: 'known' };
  await tx.query(
    `UPDATE reconciliation_items SET status = 'RESOLVED', resolution = 'REVERSE_REDEMPTION',
            resolution_reason = 'reversed at the till', resolved_by = $2, resolved_at = $3
      WHERE redemption_id = $1 AND status = 'OPEN' AND classification <> 'refused'`,
    [p.redemptionId, `till:${device.tillId}`, at],
  );
  return { kind: 'applied' };
};

/** A coupon issued at the till: inserted unless the hub has it (by id, or its code in the offer). */
export const applyIssuanceFact = async (
  tx: SqlPort,
  device: PushScope,
  fact: PushedFact,
): Promise<OtherOutcome> => {
  const parsed = issuanceFactPayload.safeParse(fact.payload);
  if (!parsed.success)
    return invalid('MALFORMED', `malformed ISSUANCE payload: ${parsed.error.message}`);
  const p = parsed.data;
  const bad = badInstant('issuedAt', p.issuedAt) ?? badInstant('expiresAt', p.expiresAt);
  if (bad) return bad;
  const offer = await tx.query<{ closed_at: unknown }>(
    'SELECT issuance_closed_at AS closed_at FROM offers WHERE id = $1',
    [p.offerId],
  );
  if (!offer[0])
    return invalid(
      'UNKNOWN_OFFER',
      `issues a coupon of offer ${p.offerId}, which the hub does not have`,
    );
  if (!device.visibleOfferIds.has(p.offerId))
    return rejected(
      'OFFER_NOT_VISIBLE',
      `offer ${p.offerId} is not synced to till ${device.tillId}, so it cannot issue its coupons`,
    );
  // Closing an offer to issuing (revoking its unissued codes) binds tills from that moment; a
  // coupon issued offline before it was made in good faith and stands.
  const closedAt = offer[0].closed_at === null ? null : new Date(offer[0].closed_at as string);
  if (closedAt && Date.parse(p.issuedAt) >= closedAt.getTime())
    return rejected(
      'ISSUANCE_CLOSED',
      `offer ${p.offerId} was closed to issuing at ${closedAt.toISOString()}, before this coupon was issued at ${p.issuedAt}`,
    );
  // Coupons carry no foreign keys (migration 0008), so the hub checks the holder itself.
  if (p.customerId !== null) {
    const holder = await tx.query('SELECT 1 FROM customers WHERE id = $1', [p.customerId]);
    if (holder.length === 0)
      return invalid(
        'UNKNOWN_CUSTOMER',
        `issues a coupon to customer ${p.customerId}, whom the hub does not have`,
      );
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
