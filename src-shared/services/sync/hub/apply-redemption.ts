import type { Offer } from '../../../domain/offer';
import type { SqlPort } from '../../../sql/port';
import { effectiveCodeLimit, perCustomerCap } from '../../../engine/limits';
import { classifyRedemption, type Classification } from '../../../sync/classification';
import type { PushedFact, RedemptionFactPayload } from '../../../sync/facts';
import { newId } from '../../shared/ids';
import { insertRedemption } from '../../redemptions/ledger';
import type { Device } from './devices';

type OfferLockRow = {
  config: Offer;
  name: string;
  ends_at: unknown;
  redeemed_count: unknown;
  leased_outstanding: unknown;
};
type CouponLockRow = {
  id: string;
  code: string;
  code_unique: boolean;
  state: string;
  expires_at: unknown;
};
type LeaseRow = {
  device_id: string;
  offer_id: string;
  status: string;
  granted: number;
  used: number;
};

export type AppliedRedemption = {
  applied: boolean;
  classification: Classification | null;
  reconciliationId: string | null;
};

const ms = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
};

/**
 * Writes one redemption a till made offline into the hub's ledger and classifies it
 * (DESIGN §7): the redemption is recorded whatever the verdict, with the same counter updates
 * as an online one, and anything but `accepted` opens a reconciliation item. Locks offer, then
 * coupon, then lease: the order the redemption and lease services use, so nothing deadlocks.
 * Answers applied: false when the ledger already has this redemption id (an online redeem with
 * the same client id that the till could not confirm, or a replay).
 */
export async function applyRedemptionFact(
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  p: RedemptionFactPayload,
  at: string,
): Promise<AppliedRedemption> {
  const known = await tx.query('SELECT 1 FROM redemptions WHERE id = $1', [p.id]);
  if (known.length > 0) return { applied: false, classification: null, reconciliationId: null };

  const offers = await tx.query<OfferLockRow>(
    `SELECT config, name, ends_at, redeemed_count, leased_outstanding
       FROM offers WHERE id = $1 FOR UPDATE`,
    [p.offerId],
  );
  const coupons = await tx.query<CouponLockRow>(
    `SELECT id, code, code_unique, state, expires_at FROM coupons
      WHERE id = $1 AND offer_id = $2 FOR UPDATE`,
    [p.couponId, p.offerId],
  );
  const offerRow = offers[0];
  const coupon = coupons[0];
  if (!offerRow || !coupon) {
    throw new UnknownReferenceError(
      `fact ${fact.clientId} redeems coupon ${p.couponId} of offer ${p.offerId}, which the hub does not have`,
    );
  }
  const offer = offerRow.config;
  const customers =
    p.customerId === null
      ? []
      : await tx.query('SELECT 1 FROM customers WHERE id = $1', [p.customerId]);
  const customerId = customers.length > 0 ? p.customerId : null;

  const priors = await tx.query<{ till_id: string; customer_id: string | null }>(
    coupon.code_unique
      ? 'SELECT till_id, customer_id FROM redemptions WHERE coupon_id = $1 AND reversed_at IS NULL'
      : 'SELECT till_id, customer_id FROM redemptions WHERE offer_id = $1 AND code = $2 AND reversed_at IS NULL',
    coupon.code_unique ? [coupon.id] : [p.offerId, coupon.code],
  );

  let leaseValid = false;
  if (fact.leaseId !== null) {
    const leases = await tx.query<LeaseRow>(
      'SELECT device_id, offer_id, status, granted, used FROM sync_leases WHERE id = $1 FOR UPDATE',
      [fact.leaseId],
    );
    const lease = leases[0];
    leaseValid =
      lease !== undefined &&
      lease.device_id === device.deviceId &&
      lease.offer_id === p.offerId &&
      lease.status === 'ACTIVE' &&
      lease.used < lease.granted;
  }

  const seriesLimit = offer.redemption?.seriesLimit ?? null;
  const verdict = classifyRedemption({
    tillId: device.tillId,
    redeemedAt: ms(p.redeemedAt) ?? Date.parse(at),
    coupon: { revoked: coupon.state === 'REVOKED', expiresAt: ms(coupon.expires_at) },
    offerEndsAt: ms(offerRow.ends_at),
    codeLimit: effectiveCodeLimit(offer),
    priorCodeRedemptions: priors.map((r) => ({ tillId: r.till_id })),
    customerCap: customerId === null ? null : perCustomerCap(offer),
    priorCustomerRedemptions: priors.filter((r) => r.customer_id === customerId).length,
    seriesLimit,
    seriesRedeemed: Number(offerRow.redeemed_count),
    seriesOutstanding: Number(offerRow.leased_outstanding),
    leaseRequired: seriesLimit !== null,
    leaseValid,
  });

  await insertRedemption(tx, {
    id: p.id,
    couponId: coupon.id,
    offerId: p.offerId,
    code: coupon.code,
    customerId,
    storeId: device.storeId,
    tillId: device.tillId,
    billAmount: p.billAmount,
    currency: p.currency,
    discount: p.discount,
    redeemedAt: p.redeemedAt,
    deviceTime: fact.deviceTime,
    origin: 'OFFLINE',
    leaseId: fact.leaseId,
  });
  await tx.query('UPDATE redemptions SET till_seq = $2, classification = $3 WHERE id = $1', [
    p.id,
    fact.tillSeq,
    verdict.classification,
  ]);
  if (leaseValid) {
    // The unit moves from "granted" to "redeemed": redeemed + outstanding stays the same.
    await tx.query('UPDATE sync_leases SET used = used + 1 WHERE id = $1', [fact.leaseId]);
    await tx.query(
      'UPDATE offers SET leased_outstanding = GREATEST(leased_outstanding - 1, 0) WHERE id = $1',
      [p.offerId],
    );
  }

  if (verdict.classification === 'accepted') {
    return { applied: true, classification: 'accepted', reconciliationId: null };
  }
  const itemId = newId(Date.parse(at));
  await tx.query(
    `INSERT INTO reconciliation_items (id, redemption_id, fact_client_id, till_id, store_id,
            offer_id, coupon_id, code, classification, reasons, redeemed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [
      itemId,
      p.id,
      fact.clientId,
      device.tillId,
      device.storeId,
      p.offerId,
      coupon.id,
      coupon.code,
      verdict.classification,
      JSON.stringify(verdict.reasons),
      p.redeemedAt,
      at,
    ],
  );
  return { applied: true, classification: verdict.classification, reconciliationId: itemId };
}

/** A fact naming rows the hub does not have: recorded in the fact log, not in the ledger. */
export class UnknownReferenceError extends Error {
  override name = 'UnknownReferenceError';
}
