import type { Migration } from '../migration';

/**
 * The coupons table reshaped for bulk issuance and cheap redemptions, from measurements
 * (docs/benchmarks.md): COPYing 500 k issued coupons cost the server 23 µs of CPU per row with
 * migration 0007's shape, of which the two foreign-key checks took 12 µs (one SPI look-up and
 * row lock per coupon) and each extra index 1.5–3.5 µs.
 *
 * - One index on code. `coupons_code` (every code lookup, common codes included) and
 *   `coupons_offer_code` (unique codes unique per offer) were two random-order B-trees over the
 *   same key. One unique index on (code, offer_id, discriminator) does both jobs: the
 *   discriminator is '' for a unique code, so two equal unique codes of an offer clash, and the
 *   coupon's own id for a common code, which every recipient shares.
 * - The oldest-unissued-code look-up gets a partial index that holds only unissued uploaded
 *   codes, instead of an (offer_id, issued_at) index over every coupon ever issued.
 * - No declared foreign keys from coupons to offers and customers. Every writer checks that the
 *   offer (locked) and the customers exist before it writes their coupons, and nothing in
 *   Counterfoil deletes an offer or a customer, so a row seen once stays; the triggers below
 *   refuse such a delete while coupons refer to the row, so a hand-made DELETE cannot orphan
 *   coupons either.
 * - fillfactor 90 leaves room on each page, so a redemption's counter update can be a HOT
 *   update that writes no index.
 * - The hub_xid stamp leaves rows with hub_xid = 0 alone: those are a till's replica rows
 *   (sync never serves them), and stamping them changed an indexed column, which made every
 *   redemption at a till rewrite every index of its coupon and put the row into the feed
 *   indexes the till never reads.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'coupon-bulk-shape',
  sql: /* sql */ `
DROP INDEX coupons_code;
DROP INDEX coupons_offer_code;
CREATE UNIQUE INDEX coupons_code_key
  ON coupons (code, offer_id, (CASE WHEN code_unique THEN '' ELSE id END));

DROP INDEX coupons_offer_issued;
CREATE INDEX coupons_offer_unissued ON coupons (offer_id, created_at, id)
  WHERE issued_at IS NULL AND customer_id IS NULL AND state = 'ACTIVE';

ALTER TABLE coupons DROP CONSTRAINT coupons_offer_id_fkey;
ALTER TABLE coupons DROP CONSTRAINT coupons_customer_id_fkey;

CREATE FUNCTION refuse_delete_with_coupons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_TABLE_NAME = 'customers' AND EXISTS (SELECT 1 FROM coupons WHERE customer_id = OLD.id))
     OR (TG_TABLE_NAME = 'offers' AND EXISTS (SELECT 1 FROM coupons WHERE offer_id = OLD.id)) THEN
    RAISE EXCEPTION USING
      ERRCODE = 'foreign_key_violation',
      MESSAGE = format('%s %s cannot be deleted: coupons refer to it', TG_TABLE_NAME, OLD.id),
      HINT = 'Offers and customers are kept for their coupons; end the offer or revoke the coupons instead.';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER customers_keep_coupons BEFORE DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_with_coupons();
CREATE TRIGGER offers_keep_coupons BEFORE DELETE ON offers
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_with_coupons();

ALTER TABLE coupons SET (fillfactor = 90);

CREATE OR REPLACE FUNCTION sync_stamp_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.hub_xid <> 0 THEN
    NEW.hub_xid := pg_current_xact_id()::text::bigint;
  END IF;
  RETURN NEW;
END $$;
`,
};
