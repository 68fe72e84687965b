import type { Migration } from '../migration';

/**
 * What the issuance and redemption services need beyond the core schema:
 *  - RANDOMIZED_COMMON offers hand out codes in permutation-index order; the next index is a
 *    counter on the offer row, bumped under the same row lock that issuance already takes.
 *  - A presented code may be an offer's common code; the redemption look-up finds that offer
 *    by an expression index instead of scanning offers' configs (and instead of scanning the
 *    million coupons that share one common code).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'coupon-services',
  sql: /* sql */ `
ALTER TABLE offers ADD COLUMN randomized_next_index bigint NOT NULL DEFAULT 0;

CREATE INDEX offers_common_code ON offers ((upper(config #>> '{codeGeneration,code}')))
  WHERE code_method = 'COMMON';
`,
};
