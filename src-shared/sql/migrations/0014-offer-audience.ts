import type { Migration } from '../migration';

/**
 * "Issue to specific customers only": each offer's customer list, one row per member. Lists
 * run to millions (the seed's audiences of 20M+), so they live in their own table, looked up
 * by primary key per customer, never in the offer's config.
 *
 * - No declared foreign keys, as for coupons (migration 0008): every writer checks the offer
 *   (locked) and finds the customers before it writes, and nothing deletes either.
 * - `upload_id` names the upload that put a member on the list (null: added one at a time).
 * - Uploads gain the kind AUDIENCE: a CSV of customer identifiers that fills the list.
 * - A till that follows a hub keeps no lists (not replicated): it does not issue such offers.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'offer-audience',
  sql: /* sql */ `
CREATE TABLE offer_audience (
  offer_id text NOT NULL,
  customer_id text NOT NULL,
  added_at timestamptz NOT NULL,
  added_by text,
  upload_id text,
  PRIMARY KEY (offer_id, customer_id)
);

ALTER TABLE uploads DROP CONSTRAINT uploads_kind_check;
ALTER TABLE uploads ADD CONSTRAINT uploads_kind_check
  CHECK (kind IN ('CUSTOMERS', 'CODES', 'CODES_WITH_CUSTOMERS', 'AUDIENCE'));
`,
};
