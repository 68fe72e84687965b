import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, postgresAvailable } from '../../helpers/db';
import { spawnCli, waitFor, type Proc } from '../../sync/support/processes';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** The hub processes connected to the database: one application_name per process. */
type Db = Awaited<ReturnType<typeof freshPostgres>>;
const hubPids = async (db: Db): Promise<number[]> => {
  const rows = await db.sql.query<{ name: string }>(
    `SELECT DISTINCT application_name AS name FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE 'counterfoil-hub %'`,
  );
  return rows.map((r) => Number(/:(\d+)$/.exec(r.name)?.[1])).sort();
};

describe('counterfoil hub --workers', () => {
  it('refuses --workers on the embedded PGlite in one plain line', async () => {
    const child = spawn(process.execPath, ['bin/counterfoil.mjs', 'hub', '--workers', '2'], {
      cwd: repo,
      env: { ...process.env, NODE_NO_WARNINGS: '1', DATABASE_URL: '' },
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toEqual([
      expect.stringMatching(/--workers needs --database-url: .*PGlite is single-process/) as string,
    ]);
  });

  describe.skipIf(!postgresAvailable())('on PostgreSQL', () => {
    let db: Db;
    let hub: Proc;
    beforeAll(async () => {
      db = await freshPostgres({ max: 2 });
      hub = await spawnCli(['hub', '--database-url', db.url, '--port', '0', '--workers', '2']);
    }, 120_000);
    afterAll(async () => {
      await hub?.kill('SIGKILL');
      await db?.close();
    });

    it('serves from two processes, replaces one that dies, and stops on SIGTERM', async () => {
      expect(hub.output.join('')).toMatch(/running at http:\/\/\S+ \(2 workers\)/);
      const health = await fetch(`${hub.url}/api/v1/health`);
      expect(health.status).toBe(200);
      // Each worker's scheduler and upload watch open its own connections at once.
      let workers: number[] = [];
      await waitFor('two worker processes on the database', async () => {
        workers = await hubPids(db);
        return workers.length === 2;
      });
      expect(workers).not.toContain(hub.child.pid);

      process.kill(workers[0] as number, 'SIGKILL');
      await waitFor('a replacement worker', async () => {
        const now = await hubPids(db);
        return now.length === 2 && !now.includes(workers[0] as number);
      });
      expect((await fetch(`${hub.url}/api/v1/health`)).status).toBe(200);

      expect(await hub.kill('SIGTERM')).toBe('0');
      await waitFor('every worker gone', async () => (await hubPids(db)).length === 0);
    }, 60_000);
  });
});
