import type { RedemptionFactPayload } from '#shared/domain/redemption';
import type { SqlPort } from '#shared/sql/port';
import type { PushedFact } from '#shared/sync/facts';
import { isProvisionalCouponId } from '#shared/services/redemptions/index';
import { invalid } from './refused-facts';
import type { RunOutcome } from './redemption-run';

/**
 * Redemptions a till accepted offline by the code's keyed check alone (flagged
 * `verifiedOffline`, naming the till's provisional coupon): the hub holds the real coupon of
 * that code in that offer and links the redemption to it, which is then classified like any
 * other. A code the hub has no coupon for (never issued: a forged check, or a code of a
 * failed issuance) is refused honestly and goes in front of back office.
 */
export async function linkVerifiedCodes(
  tx: SqlPort,
  facts: readonly PushedFact[],
  parsed: (RedemptionFactPayload | null)[],
  outcomes: RunOutcome[],
): Promise<void> {
  const flagged = parsed.flatMap((p, i) =>
    p && (p['verifiedOffline'] === true || isProvisionalCouponId(p.couponId)) ? [i] : [],
  );
  if (flagged.length === 0) return;
  const pick = (i: number) => parsed[i] as RedemptionFactPayload;
  const rows = await tx.query<{ id: string; offer_id: string; code: string }>(
    `SELECT c.id, c.offer_id, c.code FROM coupons c
       JOIN unnest($1::text[], $2::text[]) AS k(offer_id, code)
         ON c.offer_id = k.offer_id AND c.code = k.code
      WHERE c.code_unique`,
    [flagged.map((i) => pick(i).offerId), flagged.map((i) => pick(i).code)],
  );
  const byKey = new Map(rows.map((r) => [`${r.offer_id}\u0000${r.code}`, r.id]));
  for (const i of flagged) {
    const p = pick(i);
    const couponId = byKey.get(`${p.offerId}\u0000${p.code}`);
    if (couponId !== undefined) {
      parsed[i] = { ...p, couponId };
      continue;
    }
    parsed[i] = null;
    outcomes[i] = invalid(
      'UNKNOWN_VERIFIED_CODE',
      `accepted offline by its check as code ${p.code} of offer ${p.offerId} (fact ${facts[i]?.clientId}), but the hub has no coupon with that code in that offer: it was never issued`,
    );
  }
}
