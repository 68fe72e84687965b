import { ApiError } from '#shared/api/errors';
import { reason, type Reason } from '#shared/domain/reasons';
import { loadOffer } from '#shared/services/offers/offer-repo';
import { loadCurrencyRates } from '#shared/services/rates/rates-service';
import { storeContextOf } from '#shared/services/redemptions/store-cache';
import { ruleFailed } from '#shared/services/shared/errors';
import { spendLeaseUnit } from '#shared/services/sync/till/leases';
import type { LeaseStamp } from '#shared/services/sync/till/outbox';
import type { SqlPort } from '#shared/sql/port';
import { offlinePolicyReasons } from '#shared/sync/offline-policy';

/** The request as the till's validate and redeem got it (already parsed by the local answer). */
export type OfflineRequest = {
  offerId: string;
  offerName: string;
  billAmount: string;
  currency: string | undefined;
  storeId: string;
  tillId: string;
  now: Date;
};

const allowanceUsedUp = (name: string): Reason =>
  reason(
    'OFFLINE_ALLOWANCE_USED_UP',
    `The hub is unreachable and this till's offline allowance for offer "${name}" is used up or has expired; try again when the till is back online`,
  );

const hasUnit = async (sql: SqlPort, offerId: string, now: Date): Promise<boolean> =>
  (
    await sql.query(
      `SELECT 1 FROM till_leases WHERE offer_id = $1 AND status = 'ACTIVE' AND used < granted
          AND expires_at > $2 LIMIT 1`,
      [offerId, now.toISOString()],
    )
  ).length > 0;

/**
 * Why a till that cannot reach the hub may not redeem a valid code of this offer: not synced
 * here, the offer's offline policy (exact money, in the bill's currency), or — for a
 * series-limited offer — no unspent unit of an unexpired lease. Validate and redeem both ask
 * this, so validate never says "valid" for what redeem would refuse.
 */
export async function offlineRefusals(sql: SqlPort, o: OfflineRequest): Promise<Reason[]> {
  const offer = await loadOffer(sql, o.offerId);
  if (!offer?.syncToInStore.enabled) {
    return [
      reason(
        'OFFLINE_NOT_ALLOWED',
        `The hub is unreachable and offer "${o.offerName}" is not synced to this till, so it cannot be redeemed offline`,
      ),
    ];
  }
  const store = await storeContextOf(sql, o.storeId, o.tillId, o.now.getTime());
  const currency = o.currency ?? store.currency;
  const policy = offlinePolicyReasons(offer, {
    billAmount: o.billAmount,
    currency,
    storeCurrency: store.currency,
    rates: offer.offlinePolicy.mode === 'UP_TO_BILL' ? await loadCurrencyRates(sql) : [],
    atMs: o.now.getTime(),
  });
  if (policy.length > 0) return policy;
  if (offer.redemption.seriesLimit !== null && !(await hasUnit(sql, o.offerId, o.now))) {
    return [allowanceUsedUp(offer.name)];
  }
  return [];
}

const refused = (reasons: Reason[]): ApiError =>
  ruleFailed(reasons[0]?.message ?? 'cannot be redeemed offline', reasons);

/**
 * What a till checks before redeeming a valid code while the hub is unreachable
 * (offlineRefusals), then — for a series-limited offer — spends one unit of this till's lease
 * in the caller's transaction, so the offline redemption cannot overdraw the series. Returns
 * the lease the outbox fact is stamped with.
 */
export async function offlineStamp(tx: SqlPort, o: OfflineRequest): Promise<LeaseStamp> {
  const reasons = await offlineRefusals(tx, o);
  if (reasons.length > 0) throw refused(reasons);
  const offer = await loadOffer(tx, o.offerId);
  const stamp: LeaseStamp = { leaseId: null };
  if (offer?.redemption.seriesLimit !== null && offer?.redemption.seriesLimit !== undefined) {
    stamp.leaseId = await spendLeaseUnit(tx, o.offerId, o.now);
    if (stamp.leaseId === null) throw refused([allowanceUsedUp(o.offerName)]);
  }
  return stamp;
}
