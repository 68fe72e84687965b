import { couponColumns } from '../sql/coupon-columns';

/**
 * The tables a till replicates from the hub and how (docs/architecture.md, "Changes down"):
 *  - feed tables change often and are large: served by cursor, row by row, as upserts;
 *  - child tables (an offer's tags and sync scope) travel with their offer and replace the
 *    offer's rows;
 *  - snapshot tables are small: when any row changed, the till gets all rows it may see and
 *    replaces its copy.
 * Column lists are code constants shared by both ends: they are the only identifiers that ever
 * reach SQL text, and a till refuses a page whose columns differ (a hub of another version).
 */
export const feedTables = ['offers', 'customers', 'coupons', 'redemptions'] as const;
export type FeedTable = (typeof feedTables)[number];

export const childTables = ['offer_store_tags', 'offer_sync_scope'] as const;
export type ChildTable = (typeof childTables)[number];

export const snapshotTables = ['org_entities', 'org_settings', 'currency_rates', 'users'] as const;
export type SnapshotTable = (typeof snapshotTables)[number];

export type SyncedTable = FeedTable | ChildTable | SnapshotTable;

export const tableColumns: Record<SyncedTable, readonly string[]> = {
  offers: [
    'id',
    'offer_code',
    'name',
    'config',
    'code_method',
    'expiry_type',
    'starts_at',
    'ends_at',
    'fixed_part',
    'series_key',
    'sync_enabled',
    'claim_consumer_type',
    'claim_consumer_id',
    'claim_consumer_name',
    'claimed_at',
    'issued_count',
    'redeemed_count',
    'last_issued_at',
    'last_redeemed_at',
    'created_at',
    'modified_at',
    'version',
    'randomized_next_index',
    'issuance_closed_at',
    'issuance_closed_by',
  ],
  customers: [
    'id',
    'user_id',
    'email',
    'mobile',
    'external_id',
    'name',
    'registered_at',
    'transaction_count',
    'home_store_id',
    'created_at',
  ],
  coupons: couponColumns,
  redemptions: [
    'id',
    'coupon_id',
    'offer_id',
    'code',
    'customer_id',
    'store_id',
    'till_id',
    'bill_amount',
    'currency',
    'discount',
    'redeemed_at',
    'device_time',
    'origin',
    'till_seq',
    'lease_id',
    'classification',
    'reversed_at',
    'reversal_id',
    'reversal_reason',
    'created_at',
  ],
  offer_store_tags: ['offer_id', 'entity_type', 'entity_id'],
  offer_sync_scope: ['offer_id', 'entity_type', 'entity_id'],
  org_entities: ['id', 'type', 'name', 'parent_id', 'time_zone', 'currency', 'created_at'],
  org_settings: ['key', 'value'],
  currency_rates: ['from_ccy', 'to_ccy', 'rate', 'effective_from'],
  users: ['id', 'username', 'password_hash', 'salt', 'role', 'store_ids', 'created_at'],
};
