import { ApiError } from '../../../src-shared/api/errors';
import { spendLeaseUnit } from '../../../src-shared/services/sync/till/leases';
import type { LeaseStamp } from '../../../src-shared/services/sync/till/outbox';
import type { SqlPort } from '../../../src-shared/sql/port';

type OfferPolicyRow = {
  sync_enabled: boolean;
  config: {
    offlinePolicy?: { mode: string; maxBill?: string };
    redemption?: { seriesLimit?: number | null };
  };
};

const offline = (code: string, message: string, field?: string): ApiError =>
  new ApiError('RULE_FAILED', message, {
    reasons: [{ code, message, ...(field ? { field } : {}) }],
  });

/**
 * What a till checks before redeeming a valid code while the hub is unreachable: the offer is
 * synced here, its offline policy allows this bill, and — for a series-limited offer — one
 * unit of this till's lease is spent (in the caller's transaction), so the offline redemption
 * cannot overdraw the series. Returns the lease the outbox fact is stamped with.
 */
export async function offlineStamp(
  tx: SqlPort,
  o: { offerId: string; offerName: string; billAmount: number; now: Date },
): Promise<LeaseStamp> {
  const rows = await tx.query<OfferPolicyRow>(
    'SELECT sync_enabled, config FROM offers WHERE id = $1',
    [o.offerId],
  );
  const offer = rows[0];
  const name = o.offerName;
  if (!offer?.sync_enabled) {
    throw offline(
      'OFFLINE_NOT_ALLOWED',
      `The hub is unreachable and offer "${name}" is not synced to this till, so it cannot be redeemed offline`,
    );
  }
  const policy = offer.config.offlinePolicy ?? { mode: 'ALLOW' };
  if (policy.mode === 'ONLINE_ONLY') {
    throw offline(
      'OFFLINE_NOT_ALLOWED',
      `The hub is unreachable and offer "${name}" may only be redeemed online; try again when the till is back online`,
    );
  }
  if (
    policy.mode === 'UP_TO_BILL' &&
    policy.maxBill !== undefined &&
    o.billAmount > Number(policy.maxBill)
  ) {
    throw offline(
      'OFFLINE_NOT_ALLOWED',
      `The hub is unreachable and offer "${name}" may be redeemed offline only on bills up to ${policy.maxBill}`,
      'billAmount',
    );
  }
  const stamp: LeaseStamp = { leaseId: null };
  if ((offer.config.redemption?.seriesLimit ?? null) !== null) {
    stamp.leaseId = await spendLeaseUnit(tx, o.offerId, o.now);
    if (stamp.leaseId === null) {
      throw offline(
        'OFFLINE_ALLOWANCE_USED_UP',
        `The hub is unreachable and this till's offline allowance for offer "${name}" is used up; try again when the till is back online`,
      );
    }
  }
  return stamp;
}
