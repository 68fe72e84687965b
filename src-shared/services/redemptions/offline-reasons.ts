import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import type { CheckMiss } from './offline-verified';

/**
 * What a till that cannot reach the hub says about a code it holds no coupon for. Offline,
 * "not found here" is not "not a coupon": the code may belong to an offer not synced to this
 * store, or have been issued since the till last synced. The till says which, as far as it
 * can tell, and what the cashier can do.
 */

/** Reasons a till's replica gives when it has no coupon row for a code. */
export const NOT_HERE_CODES = new Set(['CODE_NOT_FOUND', 'COUPON_NOT_SYNCED', 'COUPON_NOT_ISSUED']);

const ONLINE_LATER =
  'ask the customer for another coupon, or to use this one when the till is back online';

const lastSync = async (sql: SqlPort): Promise<string> => {
  const rows = await sql.query<{ at: unknown }>(
    'SELECT last_success_at AS at FROM till_sync_state WHERE id = 1',
  );
  const at = rows[0]?.at;
  if (at === null || at === undefined) return 'never synced';
  const iso = (at instanceof Date ? at : new Date(String(at))).toISOString();
  return `last synced ${iso.slice(0, 16).replace('T', ' ')} UTC`;
};

/** Synced offers whose codes are uploaded: such codes carry no check (the till says so). */
const uploadedOffers = async (sql: SqlPort): Promise<string[]> =>
  (
    await sql.query<{ name: string }>(
      `SELECT name FROM offers WHERE sync_enabled AND code_method = 'UPLOADED' ORDER BY name LIMIT 4`,
    )
  ).map((r) => r.name);

const cannotCheck = (message: string): Reason => reason('OFFLINE_CANNOT_CHECK', message, 'code');

export type UnknownHere = {
  code: string;
  /** The offer the replica tied the code to (a common code, a randomized series), if any. */
  offerName: string | null;
  /** The replica's own reason codes for not finding a coupon. */
  replicaCodes: readonly string[];
  misses: readonly CheckMiss[];
  /** The till holds the coupon, but it was not issued as of the last pull. */
  unissuedHere?: boolean;
};

export async function offlineUnknownReasons(sql: SqlPort, u: UnknownHere): Promise<Reason[]> {
  const needsCustomer = u.misses.find((m) => m.why === 'NEEDS_CUSTOMER');
  if (needsCustomer) {
    return [
      reason(
        'OFFLINE_CHECK_NEEDS_CUSTOMER',
        `Code ${u.code} looks like a code of offer "${needsCustomer.offer.name}", which only its recipient may redeem: identify the customer so this offline till can check the code against them`,
        'customer',
      ),
    ];
  }
  const failed = u.misses.find((m) => m.why === 'CHECK');
  if (failed) {
    return [
      reason(
        'OFFLINE_CHECK_FAILED',
        `Code ${u.code} fails the offline check of offer "${failed.offer.name}": check the code as typed (and the customer, if only its recipient may use it). If it is right, only the hub can confirm it: ${ONLINE_LATER}`,
        'code',
      ),
    ];
  }
  const synced = await lastSync(sql);
  if (u.unissuedHere && u.offerName !== null) {
    return [
      cannotCheck(
        `Code ${u.code} of offer "${u.offerName}" had not been issued to anyone when this till last synced (${synced}); it may have been issued since. Uploaded codes carry no offline check, so only the hub can confirm it: ${ONLINE_LATER}`,
      ),
    ];
  }
  if (u.offerName !== null && u.replicaCodes.some((c) => c !== 'CODE_NOT_FOUND')) {
    return [
      cannotCheck(
        `This till is offline and holds no coupon for code ${u.code} of offer "${u.offerName}" (${synced}): it may have been issued since, and codes of this offer carry no offline check, so only the hub can confirm it; ${ONLINE_LATER}`,
      ),
    ];
  }
  if (u.offerName !== null) {
    return [
      cannotCheck(
        `Code ${u.code} is the code of offer "${u.offerName}", but this offline till holds no coupon of it for this customer (${synced}): it may have been issued since, and only the hub can confirm it; ${ONLINE_LATER}`,
      ),
    ];
  }
  const uploaded = await uploadedOffers(sql);
  const noCheck =
    uploaded.length === 0
      ? ''
      : ` Uploaded codes (offer ${uploaded
          .slice(0, 3)
          .map((n) => `"${n}"`)
          .join(
            ', ',
          )}${uploaded.length > 3 ? ', …' : ''}) carry no offline check, so a code uploaded since can be confirmed only online.`;
  return [
    cannotCheck(
      `This till is offline and cannot check code ${u.code}: it is not among the codes this till received (${synced}). It may belong to an offer not synced to this store, or have been issued since; ${ONLINE_LATER}.${noCheck}`,
    ),
  ];
}
