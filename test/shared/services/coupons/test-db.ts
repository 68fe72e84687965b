/**
 * Databases for the coupon, upload, revoke and redemption service tests: the shared helpers
 * (host adapters, migrated templates), with a PostgreSQL pool wide enough for the concurrent
 * redeem tests.
 */
import {
  eachDialect,
  freshPglite,
  freshPostgres,
  type Dialect,
  type TestDb,
} from '../../../helpers/db';

export { eachDialect, type Dialect, type TestDb };

export const freshDb = (dialect: Dialect): Promise<TestDb> =>
  dialect === 'pglite' ? freshPglite() : freshPostgres({ max: 24 });
