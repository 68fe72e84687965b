import type { Migration } from '../migration';

/**
 * A narrow copy of what the offers list filters and sorts on. The offers heap is wide (each
 * row carries its ~1.5 kB jsonb config inline, below the TOAST threshold), so counting 100,000
 * matches for the list's `total` meant reading ~160 MB of heap; this table is ~10 MB and its
 * indexes serve both sort orders. A trigger keeps it in step with every writer of offers (the
 * services, and a till's sync upserts); it fires only when a listed column is written, so the
 * counter updates on the redeem and issue paths do not pay for it.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'offer-list',
  sql: /* sql */ `
CREATE TABLE offer_list (
  offer_id text PRIMARY KEY REFERENCES offers (id),
  name_lower text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  created_at timestamptz NOT NULL,
  modified_at timestamptz NOT NULL
);
CREATE INDEX offer_list_modified ON offer_list (modified_at DESC, offer_id DESC);
CREATE INDEX offer_list_created ON offer_list (created_at DESC, offer_id DESC);

CREATE FUNCTION offer_list_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO offer_list (offer_id, name_lower, starts_at, ends_at, created_at, modified_at)
  VALUES (NEW.id, lower(NEW.name), NEW.starts_at, NEW.ends_at, NEW.created_at, NEW.modified_at)
  ON CONFLICT (offer_id) DO UPDATE SET
    name_lower = EXCLUDED.name_lower, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
    created_at = EXCLUDED.created_at, modified_at = EXCLUDED.modified_at;
  RETURN NULL;
END $$;

CREATE TRIGGER offers_list_insert AFTER INSERT ON offers
  FOR EACH ROW EXECUTE FUNCTION offer_list_sync();
CREATE TRIGGER offers_list_update AFTER UPDATE OF name, starts_at, ends_at, created_at, modified_at
  ON offers FOR EACH ROW EXECUTE FUNCTION offer_list_sync();

INSERT INTO offer_list (offer_id, name_lower, starts_at, ends_at, created_at, modified_at)
  SELECT id, lower(name), starts_at, ends_at, created_at, modified_at FROM offers;
`,
};
