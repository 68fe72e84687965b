import { redemptionCoreOf, type Redemption } from '#shared/domain/redemption';
import { applyReversal, insertRedemption } from '#shared/services/redemptions/ledger';
import type { SqlPort } from '#shared/sql/port';

/**
 * What the hub answered for a forwarded redemption or reversal, written into the replica (no
 * outbox fact), so the till's own rules count it if it goes offline; the next pull brings the
 * hub's row with the same id.
 */

/** The hub redeemed: the replica records the same redemption, when it replicates the coupon. */
export const recordHubRedemption = async (sql: SqlPort, r: Redemption): Promise<void> => {
  await sql.transaction(async (tx) => {
    const known = await tx.query('SELECT 1 FROM coupons WHERE id = $1', [r.couponId]);
    if (known.length === 0) return; // not an offer this till replicates
    await insertRedemption(tx, {
      ...redemptionCoreOf(r),
      deviceTime: null,
      origin: 'ONLINE',
      leaseId: null,
    });
    if (r.reversedAt !== null) {
      await applyReversal(tx, {
        redemptionId: r.id,
        reversalId: `hub:${r.id}`,
        reversedAt: r.reversedAt,
        reason: '',
      });
    }
  });
};

/** The hub reversed: the replica records the reversal under the request's client id. */
export const recordHubReversal = async (
  sql: SqlPort,
  r: Redemption,
  reversalId: string,
  reason: string,
): Promise<void> => {
  if (r.reversedAt === null) return;
  await applyReversal(sql, { redemptionId: r.id, reversalId, reversedAt: r.reversedAt, reason });
};
