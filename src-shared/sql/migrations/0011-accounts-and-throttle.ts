import type { Migration } from '../migration';

/**
 * Account controls (docs/security.md):
 *  - `users.disabled_at`: an admin can disable a person; their sessions end and they cannot sign
 *    in. Hubs do not ship disabled people to tills (the users snapshot filters on it).
 *  - `sign_in_throttle`: sign-in attempts per username and per client address, kept in the
 *    database rather than process memory because several hub processes may share one
 *    PostgreSQL. Rows quiet for longer than the counting window are pruned, and the table is
 *    capped, both through the last_attempt_at index (services/auth/sign-in-throttle.ts).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'accounts-and-throttle',
  sql: /* sql */ `
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

CREATE TABLE sign_in_throttle (
  scope text NOT NULL CHECK (scope IN ('username', 'address')),
  subject text NOT NULL,
  attempts integer NOT NULL,
  last_attempt_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (scope, subject)
);
CREATE INDEX sign_in_throttle_last_attempt ON sign_in_throttle (last_attempt_at);
`,
};
