import type { Offer } from '#shared/domain/offer';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { isoOrNull, strOrNull } from '../shared/values';

/** When an offer was closed to further issuance, and by whom (null: open). */
export type IssuanceClosure = { at: string; by: string | null };

/**
 * Offers whose codes are made when a coupon is issued (unique auto, common, randomized) have no
 * unissued coupon rows: "revoke unissued" closes them to issuance instead. Uploaded codes are
 * rows, revoked as such; uploading more codes reopens such an offer by itself.
 */
export const closesIssuance = (offer: Offer): boolean => offer.codeGeneration.method !== 'UPLOADED';

export async function loadIssuanceClosure(
  sql: SqlPort,
  offerId: string,
): Promise<IssuanceClosure | null> {
  const rows = await sql.query<{ at: unknown; by: unknown }>(
    'SELECT issuance_closed_at AS at, issuance_closed_by AS by FROM offers WHERE id = $1',
    [offerId],
  );
  const at = isoOrNull(rows[0]?.at);
  return at === null ? null : { at, by: strOrNull(rows[0]?.by) };
}

/** Closes the offer (first closure wins: a later revoke keeps the original time and person). */
export async function closeIssuance(
  sql: SqlPort,
  offerId: string,
  at: string,
  by: string | null,
): Promise<IssuanceClosure> {
  await sql.query(
    `UPDATE offers SET issuance_closed_at = $2, issuance_closed_by = $3
      WHERE id = $1 AND issuance_closed_at IS NULL`,
    [offerId, at, by],
  );
  return (await loadIssuanceClosure(sql, offerId)) as IssuanceClosure;
}

/** The one reason every issuing path gives for a closed offer. */
export const issuanceClosedReason = (offer: Offer, closure: IssuanceClosure): Reason =>
  reason(
    'ISSUANCE_CLOSED',
    `Offer "${offer.name}" issues no more coupons: its unissued coupons were revoked on ${closure.at}${closure.by === null ? '' : ` by ${closure.by}`}; create a new offer to issue more`,
    'id',
  );
