import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgBin, startPgCluster, type PgCluster } from '../../scripts/pg-cluster';

const bin = findPgBin();
const started: PgCluster[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
});

async function show(url: string, names: string[]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const name of names) {
      const r = await client.query<Record<string, string>>(`SHOW ${name}`);
      out[name] = String(Object.values(r.rows[0] ?? {})[0]);
    }
    return out;
  } finally {
    await client.end();
  }
}

const NAMES = ['fsync', 'synchronous_commit', 'full_page_writes', 'server_encoding', 'lc_collate'];

// Without PostgreSQL binaries the whole file is skipped (global-setup says so loudly).
describe.skipIf(bin === null)('the shared throwaway PostgreSQL cluster', () => {
  it('non-durable: fsync off, UTF8 + C, loopback only', async () => {
    const cluster = await startPgCluster({ durable: false });
    started.push(cluster);
    expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await show(cluster.url, [...NAMES, 'listen_addresses'])).toEqual({
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      server_encoding: 'UTF8',
      lc_collate: 'C',
      listen_addresses: '127.0.0.1',
    });
  });

  it('durable: fsync stays on and extra settings apply; stop removes the folder', async () => {
    const cluster = await startPgCluster({ durable: true, settings: { work_mem: '8MB' } });
    expect(await show(cluster.url, [...NAMES, 'work_mem'])).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      server_encoding: 'UTF8',
      lc_collate: 'C',
      work_mem: '8MB',
    });
    expect(cluster.pid).toBeGreaterThan(0);
    await cluster.stop();
    expect(existsSync(cluster.dir)).toBe(false);
  });
});
