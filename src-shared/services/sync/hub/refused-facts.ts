import type { RedemptionFactPayload } from '#shared/domain/redemption';
import type { SqlPort } from '#shared/sql/port';
import type { PushedFact } from '#shared/sync/facts';
import { newId } from '#shared/services/shared/ids';
import type { Device } from './devices';

/**
 * A fact the hub will not write to its ledger (docs/sync.md, "honest outcomes"): `rejected`
 * when it is outside what the device may do, `invalid` when it is malformed or names what the
 * hub does not have. It is still acknowledged (resending it forever would block the till's
 * queue), logged with its reason in sync_facts, counted in sync health and listed for back
 * office; a refused redemption also opens a reconciliation item, because the customer already
 * left with the discount.
 */
export type Refusal = {
  kind: 'rejected' | 'invalid';
  code: string;
  error: string;
  reconciliationId?: string | null;
};

export const rejected = (code: string, error: string): Refusal => ({
  kind: 'rejected',
  code,
  error,
});
export const invalid = (code: string, error: string): Refusal => ({ kind: 'invalid', code, error });

/** The device and what it may see, fixed for one push. */
export type PushScope = Device & { visibleOfferIds: ReadonlySet<string> };

/**
 * Why a redemption fact is outside this device's reach, or null. A device redeems only at its
 * own till and store, and only offers that reach it now — or that it holds a lease of (sync was
 * switched off after it redeemed offline: its lease proves the offer did reach it).
 */
export const redemptionScopeRefusal = (
  scope: PushScope,
  p: RedemptionFactPayload,
  leasedHere: boolean,
): Refusal | null => {
  if (p.storeId !== scope.storeId || p.tillId !== scope.tillId) {
    return rejected(
      'OTHER_TILL',
      `the redemption names till ${p.tillId} of store ${p.storeId}, but this device is till ${scope.tillId} of store ${scope.storeId}`,
    );
  }
  if (!scope.visibleOfferIds.has(p.offerId) && !leasedHere) {
    return rejected(
      'OFFER_NOT_VISIBLE',
      `offer ${p.offerId} is not synced to till ${scope.tillId}, so it cannot redeem it offline`,
    );
  }
  return null;
};

const MONEY = /^-?\d{1,12}(\.\d{1,4})?$/;

/** Values the ledger's columns would refuse: caught here, so one bad fact never fails a batch. */
export const malformedValues = (p: RedemptionFactPayload): Refusal | null => {
  if (Number.isNaN(Date.parse(p.redeemedAt)))
    return invalid('BAD_TIME', `redeemedAt ${JSON.stringify(p.redeemedAt)} is not a date and time`);
  for (const [field, value] of [
    ['billAmount', p.billAmount],
    ['discount', p.discount],
  ] as const) {
    if (!MONEY.test(value))
      return invalid('BAD_AMOUNT', `${field} ${JSON.stringify(value)} is not a decimal amount`);
  }
  if (!/^[A-Z]{3}$/.test(p.currency))
    return invalid('BAD_CURRENCY', `currency ${JSON.stringify(p.currency)} is not an ISO code`);
  return null;
};

const str = (v: unknown, fallback: string): string =>
  typeof v === 'string' && v.length > 0 ? v : fallback;
const instant = (v: unknown): string | null =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null;
const decimal = (v: unknown): string | null => (typeof v === 'string' && MONEY.test(v) ? v : null);

/**
 * Opens the reconciliation item of a redemption the hub refused: built from the raw payload
 * (which may be malformed), so back office sees what the till says it gave and can write it off.
 */
export const openRefusedItem = async (
  tx: SqlPort,
  device: Device,
  fact: PushedFact,
  refusal: Refusal,
  at: string,
): Promise<string> => {
  const p = fact.payload;
  const id = newId(Date.parse(at));
  await tx.query(
    `INSERT INTO reconciliation_items (id, redemption_id, fact_client_id, till_id, store_id, offer_id,
            coupon_id, code, classification, reasons, redeemed_at, created_at, discount, currency,
            customer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'refused', $9::jsonb, $10, $11, $12, $13, $14)`,
    [
      id,
      str(p['id'], fact.clientId),
      fact.clientId,
      device.tillId,
      device.storeId,
      str(p['offerId'], ''),
      str(p['couponId'], ''),
      str(p['code'], ''),
      JSON.stringify([{ code: refusal.code, message: refusal.error }]),
      instant(p['redeemedAt']) ?? instant(fact.deviceTime) ?? at,
      at,
      decimal(p['discount']),
      typeof p['currency'] === 'string' ? p['currency'].slice(0, 8) : null,
      typeof p['customerId'] === 'string' ? p['customerId'] : null,
    ],
  );
  return id;
};
