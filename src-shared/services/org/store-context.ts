import type { StoreContext } from '#shared/domain/org';
import type { SqlPort } from '#shared/sql/port';
import { ApiError, notFound } from '#shared/api/errors';
import { getOrgSettings } from './org-settings';

type Row = {
  till_id: string | null;
  till_parent: string | null;
  store_id: string;
  store_type: string;
  time_zone: string | null;
  currency: string | null;
  zone_id: string | null;
  zone_type: string | null;
  concept_id: string | null;
  concept_type: string | null;
};

/**
 * The store a till works in, with its zone, concept, time zone and currency, resolved from
 * the org tree in one statement. Unknown store or till: NOT_FOUND; a till of another store:
 * INVALID_INPUT naming both. A store without its own zone or currency falls back to the
 * org's settings.
 */
export async function resolveStoreContext(
  sql: SqlPort,
  storeId: string,
  tillId: string,
): Promise<StoreContext> {
  const rows = await sql.query<Row>(
    `SELECT t.id AS till_id, t.parent_id AS till_parent,
            s.id AS store_id, s.type AS store_type, s.time_zone, s.currency,
            z.id AS zone_id, z.type AS zone_type, c.id AS concept_id, c.type AS concept_type
       FROM org_entities s
       LEFT JOIN org_entities t ON t.id = $2 AND t.type = 'TILL'
       LEFT JOIN org_entities z ON z.id = s.parent_id
       LEFT JOIN org_entities c ON c.id = z.parent_id
      WHERE s.id = $1`,
    [storeId, tillId],
  );
  const row = rows[0];
  if (!row || row.store_type !== 'STORE') throw notFound('Store', storeId);
  if (row.till_id === null) throw notFound('Till', tillId);
  if (row.till_parent !== storeId) {
    throw new ApiError(
      'INVALID_INPUT',
      `Till ${tillId} belongs to store ${row.till_parent ?? '(none)'}, not store ${storeId}`,
      { field: 'tillId', tillId, storeId, tillStoreId: row.till_parent },
    );
  }
  const org = row.time_zone !== null && row.currency !== null ? null : await getOrgSettings(sql);
  return {
    tillId,
    storeId,
    zoneId: row.zone_type === 'ZONE' ? row.zone_id : null,
    conceptId: row.concept_type === 'CONCEPT' ? row.concept_id : null,
    timeZone: row.time_zone ?? org?.timeZone ?? 'Asia/Kolkata',
    currency: row.currency ?? org?.currency ?? 'INR',
  };
}
