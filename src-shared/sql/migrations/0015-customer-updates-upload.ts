import type { Migration } from '../migration';

/**
 * Customer updates arrive as a CSV run by the upload jobs (kind CUSTOMER_UPDATES): such an
 * upload belongs to no offer, so offer_id becomes optional — required for every other kind and
 * absent for this one. A partial index serves the list of customer-update uploads.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'customer-updates-upload',
  sql: /* sql */ `
ALTER TABLE uploads ALTER COLUMN offer_id DROP NOT NULL;
ALTER TABLE uploads DROP CONSTRAINT uploads_kind_check;
ALTER TABLE uploads ADD CONSTRAINT uploads_kind_check
  CHECK (kind IN ('CUSTOMERS', 'CODES', 'CODES_WITH_CUSTOMERS', 'AUDIENCE', 'CUSTOMER_UPDATES'));
ALTER TABLE uploads ADD CONSTRAINT uploads_offer_by_kind
  CHECK ((offer_id IS NULL) = (kind = 'CUSTOMER_UPDATES'));
CREATE INDEX uploads_customer_updates ON uploads (created_at DESC, id DESC) WHERE offer_id IS NULL;
`,
};
