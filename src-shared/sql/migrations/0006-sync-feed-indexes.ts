import type { Migration } from '../migration';

/**
 * The change-feed indexes serve only a hub. A till stores the rows it pulls with hub_xid = 0,
 * so partial indexes on hub_xid > 0 hold next to nothing there: a first pull of a million
 * coupons no longer maintains two indexes the till never reads. (A hub's rows always carry a
 * real transaction id, which is never 0.)
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sync-feed-indexes',
  sql: /* sql */ `
DROP INDEX offers_feed;
DROP INDEX customers_feed;
DROP INDEX coupons_feed;
DROP INDEX redemptions_feed;
DROP INDEX coupons_offer_key;
DROP INDEX redemptions_offer_key;
CREATE INDEX offers_feed ON offers (hub_xid, id COLLATE "C") WHERE hub_xid > 0;
CREATE INDEX customers_feed ON customers (hub_xid, id COLLATE "C") WHERE hub_xid > 0;
CREATE INDEX coupons_feed ON coupons (hub_xid, id COLLATE "C") WHERE hub_xid > 0;
CREATE INDEX redemptions_feed ON redemptions (hub_xid, id COLLATE "C") WHERE hub_xid > 0;
CREATE INDEX coupons_offer_key ON coupons (offer_id, id COLLATE "C") WHERE hub_xid > 0;
CREATE INDEX redemptions_offer_key ON redemptions (offer_id, id COLLATE "C") WHERE hub_xid > 0;
`,
};
