import type { Migration } from '../migration';

/**
 * The trust boundary between people and devices (docs/security.md):
 *  - `hub_keys`: secrets only the hub holds; an offline grant's secret is derived from the
 *    `grants` key and the grant id, so the hub can check a signature without storing it.
 *  - `sync_grants`: offline grants the hub issued to a person on one device while online.
 *  - `till_grants`: the till's copy, with the secret it signs queued commands with.
 *  - queued commands carry their grant and signature, at the till and at the hub.
 *  - a fact the hub refused or could not apply keeps its reason; a refused redemption (money
 *    already given) still opens a reconciliation item, which then has no ledger row, so the
 *    item carries its own discount, currency and customer and no longer requires one.
 *  - the till remembers the hub's verdict on facts it no longer holds in its outbox.
 *  - a device revocation says who revoked it and why.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'sync-trust',
  sql: /* sql */ `
CREATE TABLE hub_keys (
  name text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE sync_grants (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL,
  till_id text NOT NULL,
  store_id text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sync_grants_device ON sync_grants (device_id, user_id);

CREATE TABLE till_grants (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  username text NOT NULL,
  secret text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX till_grants_user ON till_grants (user_id, expires_at);

ALTER TABLE till_commands ADD COLUMN grant_id text, ADD COLUMN signature text;
ALTER TABLE sync_commands_applied ADD COLUMN grant_id text;

ALTER TABLE sync_facts ADD COLUMN reason_code text, ADD COLUMN reason text;
CREATE INDEX sync_facts_refused ON sync_facts (till_id, received_at DESC)
  WHERE outcome IN ('rejected', 'invalid');

ALTER TABLE reconciliation_items DROP CONSTRAINT reconciliation_items_redemption_id_fkey;
ALTER TABLE reconciliation_items
  ADD COLUMN discount numeric, ADD COLUMN currency text, ADD COLUMN customer_id text;

CREATE TABLE till_fact_outcomes (
  client_id text PRIMARY KEY,
  till_seq bigint NOT NULL,
  kind text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('rejected', 'invalid')),
  reason_code text NOT NULL,
  message text NOT NULL,
  decided_at timestamptz NOT NULL
);

ALTER TABLE sync_devices ADD COLUMN revoked_by text, ADD COLUMN revoke_reason text;
`,
};
