import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { textArrayLiteral } from '../shared/text-array';

/**
 * The offer's customer list ("issue to specific customers only"), in offer_audience (migration
 * 0014): reads by primary key, writes that skip members already on the list.
 */

/** Whether an issuance of this offer reads the list at all (third parties pick their own). */
export const readsAudience = (offer: Offer): boolean =>
  offer.issuance.specificCustomersOnly && offer.delivery !== 'THIRD_PARTY';

export async function isInAudience(
  sql: SqlPort,
  offerId: string,
  customerId: string,
): Promise<boolean> {
  const rows = await sql.query(
    'SELECT 1 FROM offer_audience WHERE offer_id = $1 AND customer_id = $2',
    [offerId, customerId],
  );
  return rows.length > 0;
}

/**
 * Which of these customers are on the list: one primary-key probe each (OFFSET 0 keeps the
 * lateral subquery a probe, as in customer-repo's bulk look-ups).
 */
export async function audienceMembers(
  sql: SqlPort,
  offerId: string,
  customerIds: readonly string[],
): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await sql.query<{ customer_id: string }>(
    `SELECT a.customer_id FROM unnest($2::text[]) AS u(customer_id)
      CROSS JOIN LATERAL (SELECT a.customer_id FROM offer_audience a
        WHERE a.offer_id = $1 AND a.customer_id = u.customer_id OFFSET 0) a`,
    [offerId, textArrayLiteral([...new Set(customerIds)])],
  );
  return new Set(rows.map((r) => r.customer_id));
}

export type AudienceAdd = {
  offerId: string;
  customerIds: readonly string[];
  at: string;
  by: string | null;
  uploadId: string | null;
};

/** Adds customers to the list; returns how many were not on it before. */
export async function addToAudience(sql: SqlPort, add: AudienceAdd): Promise<number> {
  if (add.customerIds.length === 0) return 0;
  const rows = await sql.query(
    `INSERT INTO offer_audience (offer_id, customer_id, added_at, added_by, upload_id)
     SELECT $1, u.customer_id, $3, $4, $5 FROM unnest($2::text[]) AS u(customer_id)
     ON CONFLICT (offer_id, customer_id) DO NOTHING
     RETURNING customer_id`,
    [add.offerId, textArrayLiteral([...new Set(add.customerIds)]), add.at, add.by, add.uploadId],
  );
  return rows.length;
}

/** Takes one customer off the list; false when they were not on it. */
export async function removeFromAudience(
  sql: SqlPort,
  offerId: string,
  customerId: string,
): Promise<boolean> {
  const rows = await sql.query(
    'DELETE FROM offer_audience WHERE offer_id = $1 AND customer_id = $2 RETURNING customer_id',
    [offerId, customerId],
  );
  return rows.length > 0;
}

export async function audienceCount(sql: SqlPort, offerId: string): Promise<number> {
  const rows = await sql.query<{ n: unknown }>(
    'SELECT count(*) AS n FROM offer_audience WHERE offer_id = $1',
    [offerId],
  );
  return Number(rows[0]?.n ?? 0);
}
