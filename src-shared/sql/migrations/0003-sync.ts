import type { Migration } from '../migration';

/**
 * Hub and till sync (docs/sync.md). Both hosts run every migration, so hub-only tables
 * (devices, fact log, leases, reconciliation) stay empty on a till and till-only tables
 * (outbox, cursor, local leases, command queue) stay empty on the hub.
 *
 * Change feed: every replicated row carries `hub_xid`, the id of the transaction that last
 * wrote it (an insert default plus a BEFORE UPDATE trigger). Transaction ids are monotonic and
 * the feed serves rows only below the oldest running transaction, so nothing committed late is
 * skipped and bulk COPY pays no trigger. Small tables are replicated whole; a statement trigger
 * stamps `sync_table_marks` when any of their rows change (deletes included). Tag and scope
 * rows re-stamp their offer, which then travels with them.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'sync',
  sql: /* sql */ `
CREATE FUNCTION sync_stamp_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.hub_xid := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

ALTER TABLE offers ADD COLUMN hub_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
ALTER TABLE customers ADD COLUMN hub_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
ALTER TABLE coupons ADD COLUMN hub_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
ALTER TABLE redemptions ADD COLUMN hub_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE TRIGGER offers_hub_xid BEFORE UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION sync_stamp_xid();
CREATE TRIGGER customers_hub_xid BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION sync_stamp_xid();
CREATE TRIGGER coupons_hub_xid BEFORE UPDATE ON coupons FOR EACH ROW EXECUTE FUNCTION sync_stamp_xid();
CREATE TRIGGER redemptions_hub_xid BEFORE UPDATE ON redemptions FOR EACH ROW EXECUTE FUNCTION sync_stamp_xid();
-- Byte order ("C") so the feed's keyset pagination means the same on every server locale.
CREATE INDEX offers_feed ON offers (hub_xid, id COLLATE "C");
CREATE INDEX customers_feed ON customers (hub_xid, id COLLATE "C");
CREATE INDEX coupons_feed ON coupons (hub_xid, id COLLATE "C");
CREATE INDEX redemptions_feed ON redemptions (hub_xid, id COLLATE "C");
CREATE INDEX coupons_offer_key ON coupons (offer_id, id COLLATE "C");
CREATE INDEX redemptions_offer_key ON redemptions (offer_id, id COLLATE "C");

CREATE FUNCTION sync_touch_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offers SET hub_xid = 0 WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.offer_id ELSE NEW.offer_id END);
  RETURN NULL;
END $$;
CREATE TRIGGER offer_store_tags_touch AFTER INSERT OR UPDATE OR DELETE ON offer_store_tags
  FOR EACH ROW EXECUTE FUNCTION sync_touch_offer();
CREATE TRIGGER offer_sync_scope_touch AFTER INSERT OR UPDATE OR DELETE ON offer_sync_scope
  FOR EACH ROW EXECUTE FUNCTION sync_touch_offer();

CREATE TABLE sync_table_marks (
  table_name text PRIMARY KEY,
  hub_xid bigint NOT NULL
);
CREATE FUNCTION sync_mark_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_table_marks (table_name, hub_xid)
       VALUES (TG_TABLE_NAME, pg_current_xact_id()::text::bigint)
  ON CONFLICT (table_name) DO UPDATE SET hub_xid = EXCLUDED.hub_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER org_entities_mark AFTER INSERT OR UPDATE OR DELETE ON org_entities
  FOR EACH STATEMENT EXECUTE FUNCTION sync_mark_table();
CREATE TRIGGER org_settings_mark AFTER INSERT OR UPDATE OR DELETE ON org_settings
  FOR EACH STATEMENT EXECUTE FUNCTION sync_mark_table();
CREATE TRIGGER currency_rates_mark AFTER INSERT OR UPDATE OR DELETE ON currency_rates
  FOR EACH STATEMENT EXECUTE FUNCTION sync_mark_table();
CREATE TRIGGER users_mark AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION sync_mark_table();

-- Units of a series limit lent to tills and not yet spent, returned or expired (escrow).
-- Online redemptions at the hub must leave these alone: redeemed_count + leased_outstanding
-- never exceeds the series limit.
ALTER TABLE offers ADD COLUMN leased_outstanding integer NOT NULL DEFAULT 0;

-- ── hub only ──────────────────────────────────────────────────────────────────────────
-- One row per registration; a till that lost its data dir registers again and numbers its
-- facts from 1 under a new device, so tillSeq is unique per device, not per till.
CREATE TABLE sync_devices (
  id text PRIMARY KEY,
  till_id text NOT NULL,
  store_id text NOT NULL,
  secret_hash text NOT NULL,
  acked_seq bigint NOT NULL DEFAULT 0,
  registered_at timestamptz NOT NULL,
  registered_by text NOT NULL,
  last_seen_at timestamptz,
  last_cursor_xid bigint,
  revoked_at timestamptz
);
CREATE INDEX sync_devices_till ON sync_devices (till_id);

CREATE TABLE sync_enrolments (
  code_hash text PRIMARY KEY,
  till_id text NOT NULL,
  store_id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text
);

-- Every fact a till pushed, exactly once (by client id, and by device + tillSeq).
CREATE TABLE sync_facts (
  client_id text PRIMARY KEY,
  device_id text NOT NULL,
  till_id text NOT NULL,
  till_seq bigint NOT NULL,
  kind text NOT NULL,
  device_time text NOT NULL,
  lease_id text,
  received_at timestamptz NOT NULL,
  outcome text NOT NULL,
  classification text,
  clock_drift boolean NOT NULL DEFAULT false,
  payload jsonb NOT NULL,
  UNIQUE (device_id, till_seq)
);

CREATE TABLE sync_leases (
  id text PRIMARY KEY,
  offer_id text NOT NULL REFERENCES offers (id),
  till_id text NOT NULL,
  device_id text NOT NULL,
  granted integer NOT NULL CHECK (granted >= 0),
  used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETURNED', 'EXPIRED')),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX sync_leases_offer_active ON sync_leases (offer_id) WHERE status = 'ACTIVE';
CREATE INDEX sync_leases_device ON sync_leases (device_id, status);

CREATE TABLE reconciliation_items (
  id text PRIMARY KEY,
  redemption_id text NOT NULL REFERENCES redemptions (id),
  fact_client_id text NOT NULL,
  till_id text NOT NULL,
  store_id text NOT NULL,
  offer_id text NOT NULL,
  coupon_id text NOT NULL,
  code text NOT NULL,
  classification text NOT NULL,
  reasons jsonb NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
  resolution text,
  resolution_reason text,
  resolved_by text,
  resolved_at timestamptz,
  redeemed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX reconciliation_items_status ON reconciliation_items (status, created_at DESC);
CREATE INDEX reconciliation_items_store ON reconciliation_items (store_id, created_at DESC);
CREATE INDEX reconciliation_items_offer ON reconciliation_items (offer_id, created_at DESC);

-- Back-office changes a till queued offline, as the hub decided them (replays answer the same).
CREATE TABLE sync_commands_applied (
  id text PRIMARY KEY,
  device_id text NOT NULL,
  till_id text NOT NULL,
  op text NOT NULL,
  username text NOT NULL,
  status text NOT NULL CHECK (status IN ('CONFIRMED', 'REJECTED')),
  result jsonb,
  error jsonb,
  created_at text NOT NULL,
  applied_at timestamptz NOT NULL
);

-- ── till only ─────────────────────────────────────────────────────────────────────────
CREATE TABLE till_sync_state (
  id integer PRIMARY KEY CHECK (id = 1),
  hub_url text,
  device_id text,
  till_id text,
  store_id text,
  cursor text NOT NULL DEFAULT '0',
  horizon bigint,
  acked_seq bigint NOT NULL DEFAULT 0,
  online boolean NOT NULL DEFAULT false,
  failures integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  last_success_at timestamptz,
  last_error text
);
INSERT INTO till_sync_state (id) VALUES (1);

-- The gap-free tillSeq: one counter row bumped in the transaction that records the fact
-- (a PostgreSQL sequence would leave gaps on rollback, which the hub reads as lost facts).
CREATE TABLE till_outbox_counter (
  id integer PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL
);
INSERT INTO till_outbox_counter (id, last_seq) VALUES (1, 0);

CREATE TABLE till_outbox (
  seq bigint PRIMARY KEY,
  client_id text NOT NULL UNIQUE,
  kind text NOT NULL,
  device_time text NOT NULL,
  lease_id text,
  offer_id text,
  coupon_id text,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE till_leases (
  id text PRIMARY KEY,
  offer_id text NOT NULL,
  granted integer NOT NULL,
  used integer NOT NULL DEFAULT 0,
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'ACTIVE'
);
CREATE INDEX till_leases_offer ON till_leases (offer_id, status, expires_at);

CREATE TABLE till_commands (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  op text NOT NULL,
  input jsonb NOT NULL,
  username text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'CONFIRMED', 'REJECTED')),
  decided_at timestamptz,
  result jsonb,
  error jsonb
);

-- Offers that became visible after the till's cursor had passed their older rows.
CREATE TABLE till_backfills (
  offer_id text NOT NULL,
  table_name text NOT NULL,
  max_xid bigint NOT NULL,
  after_key text NOT NULL DEFAULT '',
  PRIMARY KEY (offer_id, table_name)
);
`,
};
