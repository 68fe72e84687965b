import type { Migration } from '../migration';

/** Core schema shared by the hub and every till replica. */
export const migration0001: Migration = {
  version: 1,
  name: 'core',
  sql: /* sql */ `
CREATE TABLE org_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE org_entities (
  id text PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('CONCEPT', 'ZONE', 'STORE', 'TILL')),
  name text NOT NULL,
  parent_id text REFERENCES org_entities (id),
  time_zone text,
  currency text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_entities_parent ON org_entities (parent_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  user_id text UNIQUE,
  email text UNIQUE,
  mobile text UNIQUE,
  external_id text UNIQUE,
  name text NOT NULL DEFAULT '',
  registered_at timestamptz NOT NULL,
  transaction_count integer NOT NULL DEFAULT 0,
  home_store_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offers (
  id text PRIMARY KEY,
  offer_code text NOT NULL UNIQUE,
  name text NOT NULL,
  -- The validated OfferConfig (src-shared/domain/offer.ts); columns below are indexed copies.
  config jsonb NOT NULL,
  code_method text NOT NULL,
  expiry_type text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  -- RANDOMIZED_COMMON: the fixed part shared by every code, unique per org.
  fixed_part text,
  -- RANDOMIZED_COMMON: the permutation key. Never leaves the backend.
  series_key bytea,
  sync_enabled boolean NOT NULL DEFAULT false,
  claim_consumer_type text,
  claim_consumer_id text,
  claim_consumer_name text,
  claimed_at timestamptz,
  issued_count integer NOT NULL DEFAULT 0,
  -- Live (unreversed) redemptions: the series-level counter, updated in the redeeming transaction.
  redeemed_count integer NOT NULL DEFAULT 0,
  last_issued_at timestamptz,
  last_redeemed_at timestamptz,
  created_at timestamptz NOT NULL,
  modified_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX offers_fixed_part ON offers (fixed_part) WHERE fixed_part IS NOT NULL;
CREATE INDEX offers_name_lower ON offers (lower(name) text_pattern_ops);
CREATE INDEX offers_modified ON offers (modified_at DESC);
CREATE INDEX offers_created ON offers (created_at DESC);
CREATE INDEX offers_claim ON offers (claim_consumer_type, claim_consumer_id);

-- Redemption store scope, one row per tag (seed: direct tags only, for series look-up).
CREATE TABLE offer_store_tags (
  offer_id text NOT NULL REFERENCES offers (id),
  entity_type text NOT NULL CHECK (entity_type IN ('CONCEPT', 'ZONE', 'STORE', 'TILL')),
  entity_id text NOT NULL,
  PRIMARY KEY (offer_id, entity_type, entity_id)
);
CREATE INDEX offer_store_tags_entity ON offer_store_tags (entity_type, entity_id);

-- Which stores' tills receive an offer when sync_enabled (empty = every store).
CREATE TABLE offer_sync_scope (
  offer_id text NOT NULL REFERENCES offers (id),
  entity_type text NOT NULL CHECK (entity_type IN ('CONCEPT', 'ZONE', 'STORE', 'TILL')),
  entity_id text NOT NULL,
  PRIMARY KEY (offer_id, entity_type, entity_id)
);

CREATE TABLE coupons (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  offer_id text NOT NULL REFERENCES offers (id),
  -- Uppercase; matched case-insensitively by normalizing input.
  code text NOT NULL,
  -- False for common-code coupons, where every recipient holds the same code.
  code_unique boolean NOT NULL DEFAULT true,
  customer_id text REFERENCES customers (id),
  state text NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'REVOKED')),
  issued_at timestamptz,
  expires_at timestamptz,
  redemption_count integer NOT NULL DEFAULT 0,
  revoked_at timestamptz,
  is_reversed boolean NOT NULL DEFAULT false,
  last_status_change_on timestamptz NOT NULL DEFAULT now(),
  upload_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX coupons_offer_code ON coupons (offer_id, code) WHERE code_unique;
CREATE INDEX coupons_code ON coupons (code);
CREATE INDEX coupons_customer ON coupons (customer_id, offer_id);
CREATE INDEX coupons_offer_issued ON coupons (offer_id, issued_at);

-- A redemption is an immutable fact; a reversal is recorded on it, never a delete.
CREATE TABLE redemptions (
  id text PRIMARY KEY,
  coupon_id text NOT NULL REFERENCES coupons (id),
  offer_id text NOT NULL REFERENCES offers (id),
  code text NOT NULL,
  customer_id text REFERENCES customers (id),
  store_id text NOT NULL,
  till_id text NOT NULL,
  bill_amount numeric(18, 2) NOT NULL,
  currency text NOT NULL,
  discount numeric(18, 2) NOT NULL,
  redeemed_at timestamptz NOT NULL,
  device_time timestamptz,
  origin text NOT NULL DEFAULT 'ONLINE' CHECK (origin IN ('ONLINE', 'OFFLINE')),
  till_seq bigint,
  lease_id text,
  classification text,
  reversed_at timestamptz,
  reversal_id text UNIQUE,
  reversal_reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX redemptions_coupon ON redemptions (coupon_id);
CREATE INDEX redemptions_offer_customer ON redemptions (offer_id, customer_id, redeemed_at);
CREATE INDEX redemptions_till ON redemptions (till_id, redeemed_at DESC);
CREATE INDEX redemptions_offer_time ON redemptions (offer_id, redeemed_at);

CREATE TABLE uploads (
  id text PRIMARY KEY,
  offer_id text NOT NULL REFERENCES offers (id),
  kind text NOT NULL CHECK (kind IN ('CUSTOMERS', 'CODES', 'CODES_WITH_CUSTOMERS')),
  file_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  ok_rows integer NOT NULL DEFAULT 0,
  error_rows integer NOT NULL DEFAULT 0,
  message text,
  created_by text,
  -- The uploaded CSV itself, so an acknowledged upload survives a restart mid-job.
  source text NOT NULL,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX uploads_offer ON uploads (offer_id, created_at DESC);

CREATE TABLE upload_issues (
  upload_id text NOT NULL REFERENCES uploads (id),
  row_no integer NOT NULL,
  identifier text NOT NULL,
  field text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (upload_id, row_no, code)
);

CREATE TABLE currency_rates (
  from_ccy text NOT NULL,
  to_ccy text NOT NULL,
  rate numeric(24, 10) NOT NULL,
  effective_from timestamptz NOT NULL,
  PRIMARY KEY (from_ccy, to_ccy, effective_from)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  salt text NOT NULL,
  role text NOT NULL CHECK (role IN ('cashier', 'store_manager', 'back_office', 'admin')),
  store_ids jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- Who changed what and why (resolutions, revokes, edits).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
`,
};
