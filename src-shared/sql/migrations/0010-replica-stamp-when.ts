import type { Migration } from '../migration';

/**
 * The hub_xid stamp triggers fire only for rows that carry a stamp. Since 0008 the function
 * leaves replica rows (hub_xid = 0, a till's pulled rows) alone, but each row update still
 * entered PL/pgSQL to find that out: a till's redemption updates its coupon and offer, two
 * calls per redeem. A WHEN condition is checked by the executor itself, so those updates skip
 * the call; rows with a stamp are stamped exactly as before. Trigger names are unchanged (the
 * till's pull recognises them as its own, apply-page.ts).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'replica-stamp-when',
  sql: /* sql */ `
DROP TRIGGER offers_hub_xid ON offers;
CREATE TRIGGER offers_hub_xid BEFORE UPDATE ON offers
  FOR EACH ROW WHEN (OLD.hub_xid <> 0) EXECUTE FUNCTION sync_stamp_xid();
DROP TRIGGER customers_hub_xid ON customers;
CREATE TRIGGER customers_hub_xid BEFORE UPDATE ON customers
  FOR EACH ROW WHEN (OLD.hub_xid <> 0) EXECUTE FUNCTION sync_stamp_xid();
DROP TRIGGER coupons_hub_xid ON coupons;
CREATE TRIGGER coupons_hub_xid BEFORE UPDATE ON coupons
  FOR EACH ROW WHEN (OLD.hub_xid <> 0) EXECUTE FUNCTION sync_stamp_xid();
DROP TRIGGER redemptions_hub_xid ON redemptions;
CREATE TRIGGER redemptions_hub_xid BEFORE UPDATE ON redemptions
  FOR EACH ROW WHEN (OLD.hub_xid <> 0) EXECUTE FUNCTION sync_stamp_xid();
`,
};
