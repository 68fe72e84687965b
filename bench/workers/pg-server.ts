/**
 * A PostgreSQL server for a bench suite: $COUNTERFOIL_BENCH_PG_URL or $COUNTERFOIL_TEST_PG_URL
 * when set (a fresh database is made on it and dropped afterwards), else a durable throwaway cluster from
 * scripts/pg-cluster.ts (the helper the tests and CI use too).
 *
 * Unlike the test clusters, durability stays ON (fsync, synchronous_commit, full_page_writes):
 * the hub's figures are for a server that keeps what it acknowledged. Memory settings are what
 * anyone would give PostgreSQL on a 24 GiB machine; they are reported with the results.
 */
import pg from 'pg';
import { startPgCluster } from '../../scripts/pg-cluster';
import { processTreeCpu } from './proc-cpu';

export const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '512MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  maintenance_work_mem: '256MB',
  work_mem: '16MB',
  max_connections: '100',
};

export type BenchPostgres = {
  /** URL of a fresh, empty database for this suite. */
  url: string;
  /** 'own cluster' (durable, settings above) or the variable that named the server. */
  source: string;
  version: string;
  /**
   * CPU seconds spent by the server's processes so far (user + system, reaped children
   * included); null on a server we did not start (its processes are not ours to read).
   */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
};

async function makeDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ server_version: string }>('SHOW server_version');
    return r.rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

/** The server a bench run was given: $COUNTERFOIL_BENCH_PG_URL, else the tests' server. */
export function givenPgUrl(): { url: string; source: string } | null {
  for (const name of ['COUNTERFOIL_BENCH_PG_URL', 'COUNTERFOIL_TEST_PG_URL']) {
    const url = process.env[name];
    if (url) return { url, source: name };
  }
  return null;
}

/** A fresh database on a server for the suite `label` (lower-case letters, digits, _). */
export async function startBenchPostgres(label: string): Promise<BenchPostgres> {
  const dbName = `cf_bench_${label}_${process.pid}`;
  const server = givenPgUrl();
  if (server) {
    const given = server.url;
    const url = await makeDatabase(given, dbName);
    return {
      url,
      source: server.source,
      version: await serverVersion(url),
      cpuSeconds: () => null,
      stop: () => dropDatabase(given, dbName),
    };
  }
  const cluster = await startPgCluster({ durable: true, settings: SERVER_SETTINGS });
  try {
    const url = await makeDatabase(cluster.url, dbName);
    return {
      url,
      source: 'own cluster (fsync on)',
      version: await serverVersion(url),
      cpuSeconds: () => processTreeCpu(cluster.pid),
      stop: () => cluster.stop(),
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
