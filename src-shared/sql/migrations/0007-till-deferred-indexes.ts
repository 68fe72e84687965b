import type { Migration } from '../migration';

/**
 * A till's first pull of a large replica drops the secondary indexes of the tables it fills and
 * builds them again at the end (a sorted build beats a million random inserts). Their
 * definitions are kept here, in the transaction that drops them, so a till that dies mid-pull
 * rebuilds them on its next start. Till only; empty on a hub.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'till-deferred-indexes',
  sql: /* sql */ `
CREATE TABLE till_deferred_indexes (
  name text PRIMARY KEY,
  definition text NOT NULL
);
`,
};
