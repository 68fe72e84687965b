import type { OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { normalizeCode } from '#shared/codes/normalize';
import type { CustomerRef } from '#shared/domain/customer';
import type { Reason } from '#shared/domain/reasons';
import { findCustomerByRef } from '#shared/services/customers/customer-repo';
import {
  NOT_HERE_CODES,
  offlineUnknownReasons,
} from '#shared/services/redemptions/offline-reasons';
import {
  ensureProvisionalCoupon,
  provisionalFor,
  verifyAgainstOffers,
} from '#shared/services/redemptions/offline-verified';
import { storeContextOf } from '#shared/services/redemptions/store-cache';
import { ruleFailed } from '#shared/services/shared/errors';
import type { LeaseStamp } from '#shared/services/sync/till/outbox';
import type { SqlPort } from '#shared/sql/port';
import { offlineRefusals, offlineStamp, type OfflineRequest } from './offline-policy';

type Validated = OpOutput<'redemptions-validate'>;
type Input = Record<string, unknown>;

/** The till's own dispatcher for one call, on the given connection, with a lease stamp. */
export type LocalCall = (
  name: 'redemptions-validate' | 'redemptions-redeem',
  input: Input,
  principal: Principal | null,
  sql: SqlPort,
  stamp?: LeaseStamp,
) => Promise<unknown>;

export type OfflineServeDeps = { sql: SqlPort; now: () => Date; local: LocalCall };

/** Carries validate's answer out of a transaction that must not keep its provisional coupon. */
class Answer extends Error {
  constructor(readonly value: Validated) {
    super('rolled back on purpose');
  }
}

/**
 * Validate and redeem at a till that cannot reach the hub (docs/sync.md, "online and offline
 * at the till"). Both run the replica's rules, then the offline policy, so validate never says
 * "valid" for what redeem refuses. A code the till holds no coupon for is either proved by its
 * keyed check (an opted-in offer: accepted, the fact flagged for the hub) or answered truthfully:
 * this till cannot check it offline, why, and what the cashier can do.
 */
export const createOfflineServe = (d: OfflineServeDeps) => {
  const request = (input: Input, out: Validated): OfflineRequest => ({
    offerId: out.offerId as string,
    offerName: out.offerName ?? (out.offerId as string),
    billAmount: String(input['billAmount']),
    currency: typeof input['currency'] === 'string' ? input['currency'] : undefined,
    storeId: String(input['storeId']),
    tillId: String(input['tillId']),
    now: d.now(),
  });

  const validateHere = async (sql: SqlPort, input: Input, principal: Principal | null) =>
    (await d.local('redemptions-validate', input, principal, sql)) as Validated;

  /** The replica's verdict with the offline policy applied to a valid answer. */
  const judged = async (sql: SqlPort, input: Input, principal: Principal | null) => {
    const out = await validateHere(sql, input, principal);
    if (!out.valid || out.offerId === null) return out;
    const reasons = await offlineRefusals(sql, request(input, out));
    return reasons.length === 0 ? out : { ...out, valid: false, discount: null, reasons };
  };

  /**
   * For a code with no coupon here: the offer its check proves, with the provisional coupon
   * written in `tx`; else the reasons the cashier is told.
   */
  const unknownCode = async (
    tx: SqlPort,
    input: Input,
    out: Validated,
  ): Promise<{ verified: true } | { verified: false; reasons: Reason[] }> => {
    const code = normalizeCode(String(input['code']));
    if (unissuedHere(out)) {
      // The till holds the coupon as it was at the last pull: unissued then, maybe not now.
      const kept = out.reasons.filter(
        (r) => !NOT_HERE_CODES.has(r.code) && r.code !== 'NOT_RECIPIENT',
      );
      const reasons = await offlineUnknownReasons(tx, {
        code,
        offerName: out.offerName,
        replicaCodes: out.reasons.map((r) => r.code),
        misses: [],
        unissuedHere: true,
      });
      return { verified: false, reasons: [...kept, ...reasons] };
    }
    const ref = input['customer'] as CustomerRef | undefined;
    const customer = ref ? await findCustomerByRef(tx, ref) : null;
    const { verified, misses } = await verifyAgainstOffers(tx, code, customer?.id ?? null);
    if (verified) {
      const store = await storeContextOf(tx, String(input['storeId']), String(input['tillId']));
      const at = d.now().toISOString();
      await ensureProvisionalCoupon(
        tx,
        provisionalFor(verified, code, customer?.id ?? null, at, store.timeZone),
      );
      return { verified: true };
    }
    const kept = out.reasons.filter((r) => !NOT_HERE_CODES.has(r.code));
    const offline = await offlineUnknownReasons(tx, {
      code,
      offerName: out.offerName,
      replicaCodes: out.reasons.map((r) => r.code),
      misses,
    });
    return { verified: false, reasons: [...kept, ...offline] };
  };

  const unissuedHere = (out: Validated): boolean =>
    out.couponId !== null && out.reasons.some((r) => r.code === 'COUPON_NOT_ISSUED');
  /** Offline, the replica cannot know this code's coupon as the hub knows it now. */
  const notHere = (out: Validated): boolean =>
    unissuedHere(out) ||
    (out.couponId === null && out.reasons.some((r) => NOT_HERE_CODES.has(r.code)));

  const validate = async (input: Input, principal: Principal | null): Promise<Validated> => {
    const out = await judged(d.sql, input, principal);
    if (!notHere(out)) return out;
    try {
      // Exactly what redeem would do, in a transaction that is then rolled back.
      await d.sql.transaction(async (tx) => {
        const found = await unknownCode(tx, input, out);
        if (!found.verified) {
          throw new Answer({ ...out, valid: false, discount: null, reasons: found.reasons });
        }
        throw new Answer(await judged(tx, input, principal));
      });
    } catch (error) {
      if (error instanceof Answer) return error.value;
      throw error;
    }
    return out;
  };

  const redeem = async (input: Input, principal: Principal | null): Promise<unknown> =>
    d.sql.transaction(async (tx) => {
      const code = normalizeCode(String(input['code']));
      let out = await validateHere(tx, input, principal);
      let verifiedOffline = false;
      if (notHere(out)) {
        const found = await unknownCode(tx, input, out);
        if (!found.verified)
          throw ruleFailed(
            `Code ${code} cannot be redeemed: ${found.reasons[0]?.message ?? ''}`,
            found.reasons,
          );
        verifiedOffline = true;
        out = await validateHere(tx, input, principal);
      }
      if (!out.valid || out.offerId === null) {
        // The redeem handler answers with every reason, as it would online.
        return d.local('redemptions-redeem', input, principal, tx);
      }
      const stamp = await offlineStamp(tx, request(input, out));
      return d.local('redemptions-redeem', input, principal, tx, { ...stamp, verifiedOffline });
    });

  return { validate, redeem };
};
