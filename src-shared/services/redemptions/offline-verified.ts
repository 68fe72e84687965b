import { couponExpiresAt } from '#shared/engine/coupon-expiry';
import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { type CheckVerdict, verifyOfflineCheck } from '../coupons/index';
import { offerColumns, offerFromRow, type OfferRow } from '../offers/index';
import type { RedemptionRecord } from '#shared/domain/redemption';

/**
 * A till redeeming offline a code it never received, proved by the code's keyed check
 * (docs/sync.md, "offline-verifiable codes"). The till writes a provisional coupon for it so
 * its redemption has a coupon to belong to and a second use at this till is counted like any
 * other; the hub, which holds the real coupon, links the redemption to it on push.
 *
 * The provisional row is not a unique code (code_unique false): when the real coupon arrives
 * with the next pull, the offer's unique-code index must not see two coupons of one code.
 */
const PROVISIONAL_PREFIX = 'offline-check:';

export const provisionalCouponId = (code: string): string => `${PROVISIONAL_PREFIX}${code}`;
export const isProvisionalCouponId = (id: string): boolean => id.startsWith(PROVISIONAL_PREFIX);

export type ProvisionalCoupon = {
  offerId: string;
  code: string;
  customerId: string | null;
  issuedAt: string;
  expiresAt: string | null;
};

/** Idempotent: a second offline use of the code finds the row the first one wrote. */
export async function ensureProvisionalCoupon(tx: SqlPort, c: ProvisionalCoupon): Promise<string> {
  const id = provisionalCouponId(c.code);
  await tx.query(
    `INSERT INTO coupons (id, offer_id, code, code_unique, customer_id, state, issued_at, expires_at,
            last_status_change_on, created_at)
     VALUES ($1, $2, $3, false, $4, 'ACTIVE', $5, $6, $5, $5)
     ON CONFLICT DO NOTHING`,
    [id, c.offerId, c.code, c.customerId, c.issuedAt, c.expiresAt],
  );
  return id;
}

/** Journal replay: a redemption of a provisional coupon needs the row back first. */
export async function restoreProvisionalCoupon(tx: SqlPort, r: RedemptionRecord): Promise<void> {
  if (!isProvisionalCouponId(r.couponId)) return;
  await ensureProvisionalCoupon(tx, {
    offerId: r.offerId,
    code: r.code,
    customerId: r.customerId,
    issuedAt: r.redeemedAt,
    expiresAt: null,
  });
}

export type VerifiedCode = { offer: Offer; customerBound: boolean };

/** The closest miss among the offers whose shape the code fits (for the cashier's message). */
export type CheckMiss = { offer: Offer; why: Exclude<CheckVerdict, { ok: true }>['why'] };

/**
 * The opted-in offer synced here whose check `code` passes, or the offers whose code shape it
 * fits but whose check it fails (a typo, another customer's code, or a guess).
 */
export async function verifyAgainstOffers(
  sql: SqlPort,
  code: string,
  customerId: string | null,
): Promise<{ verified: VerifiedCode | null; misses: CheckMiss[] }> {
  const rows = await sql.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o
      WHERE o.sync_enabled AND o.code_method IN ('UNIQUE_AUTO', 'RANDOMIZED_COMMON')
        AND o.config #>> '{offlinePolicy,verifiedCodes}' = 'true'
      ORDER BY o.id`,
  );
  const misses: CheckMiss[] = [];
  for (const row of rows) {
    const offer = offerFromRow(row);
    const verdict = await verifyOfflineCheck(sql, offer, code, customerId);
    if (verdict.ok) return { verified: { offer, customerBound: verdict.customerBound }, misses };
    if (verdict.why !== 'SHAPE') misses.push({ offer, why: verdict.why });
  }
  return { verified: null, misses };
}

/** The provisional coupon for a verified code: the recipient is the presenting customer. */
export const provisionalFor = (
  v: VerifiedCode,
  code: string,
  customerId: string | null,
  at: string,
  timeZone: string,
): ProvisionalCoupon => ({
  offerId: v.offer.id,
  code,
  customerId: v.customerBound ? customerId : null,
  issuedAt: at,
  // The real issue time is unknown (after the last pull, before now): counting from now is
  // the generous reading; the hub classifies with the real coupon's expiry.
  expiresAt: couponExpiresAt(v.offer, at, timeZone),
});
