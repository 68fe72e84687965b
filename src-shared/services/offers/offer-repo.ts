import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { notFound } from '#shared/api/errors';
import { fromHex } from './series-secrets';
import { offerColumns, offerFromRow, type OfferRow } from './offer-row';

export { offerFromRow, offerColumns, type OfferRow } from './offer-row';

export async function loadOffer(sql: SqlPort, id: string): Promise<Offer | null> {
  const rows = await sql.query<OfferRow>(`SELECT ${offerColumns} FROM offers o WHERE o.id = $1`, [
    id,
  ]);
  return rows[0] ? offerFromRow(rows[0]) : null;
}

/**
 * Loads and row-locks the offer (SELECT … FOR UPDATE) for the rest of the caller's
 * transaction: concurrent redeems, issues and edits of one offer queue behind each other on
 * PostgreSQL, so series counters and limits are checked against committed values. Call it
 * inside sql.transaction. PGlite is single-connection, so there it serializes trivially.
 */
export async function loadOfferForUpdate(sql: SqlPort, id: string): Promise<Offer | null> {
  const rows = await sql.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o WHERE o.id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ? offerFromRow(rows[0]) : null;
}

/** Like loadOffer, but a missing offer is a NOT_FOUND ApiError naming the id. */
export async function requireOffer(sql: SqlPort, id: string, forUpdate = false): Promise<Offer> {
  const offer = forUpdate ? await loadOfferForUpdate(sql, id) : await loadOffer(sql, id);
  if (!offer) throw notFound('Offer', id);
  return offer;
}

/** Offers by id, in no particular order; unknown ids are simply absent. */
export async function loadOffersByIds(sql: SqlPort, ids: readonly string[]): Promise<Offer[]> {
  if (ids.length === 0) return [];
  const rows = await sql.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o WHERE o.id = ANY($1::text[])`,
    [[...new Set(ids)]],
  );
  return rows.map(offerFromRow);
}

/** RANDOMIZED_COMMON offers by fixed part (how a till recognises a randomized common code). */
export async function loadOfferByFixedPart(sql: SqlPort, fixedPart: string): Promise<Offer | null> {
  const rows = await sql.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o WHERE o.fixed_part = $1`,
    [fixedPart],
  );
  return rows[0] ? offerFromRow(rows[0]) : null;
}

/**
 * The RANDOMIZED_COMMON permutation key, for backend code generation and validation only.
 * Never put it in an API output or a sync payload to a renderer. Read as hex so both drivers
 * hand back the same type.
 */
export async function loadSeriesKey(sql: SqlPort, offerId: string): Promise<Uint8Array | null> {
  const rows = await sql.query<{ key_hex: string | null }>(
    "SELECT encode(series_key, 'hex') AS key_hex FROM offers WHERE id = $1",
    [offerId],
  );
  const row = rows[0];
  if (row === undefined) throw notFound('Offer', offerId);
  return row.key_hex === null ? null : fromHex(row.key_hex);
}
