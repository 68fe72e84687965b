import type { Migration } from '../migration';

/**
 * An offer that makes its codes at issue time (unique auto, common, randomized) holds no
 * unissued coupons to revoke: revoking its unissued coupons (or all unredeemed ones) closes it
 * to further issuance instead. When and by whom is stated on the offer row, so it replicates to
 * tills with the offer and every issuing path refuses with the same reason.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'issuance-closed',
  sql: /* sql */ `
ALTER TABLE offers ADD COLUMN issuance_closed_at timestamptz;
ALTER TABLE offers ADD COLUMN issuance_closed_by text;
`,
};
