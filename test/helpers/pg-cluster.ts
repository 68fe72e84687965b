/**
 * The test run's throwaway PostgreSQL cluster: scripts/pg-cluster.ts (shared with the bench and
 * CI) with durability off and initdb's output cached per PostgreSQL version under `cacheDir`
 * (initdb is the slow part, ≈2 s).
 */
import { findPgBin, startPgCluster as start, type PgCluster } from '../../scripts/pg-cluster';

export { findPgBin, type PgCluster };

export const startPgCluster = (bin: string, cacheDir: string): Promise<PgCluster> =>
  start({ durable: false, bin, initdbCacheDir: cacheDir });
