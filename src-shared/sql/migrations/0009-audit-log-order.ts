import type { Migration } from '../migration';

/**
 * The audit trail screen (`audit-list`) pages newest first by (at, id). Without an index each
 * page sorted the whole log: 95 ms for the first page of 300,000 entries on PGlite, against
 * 1 ms with this index (an actor filter: 71 ms against 6 ms).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'audit-log-order',
  sql: /* sql */ `
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
`,
};
