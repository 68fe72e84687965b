/**
 * The app the ui suite drives: `counterfoil hub --demo` on a throwaway PostgreSQL database,
 * serving a renderer built for this run (its own directory, so an e2e build elsewhere cannot
 * swap files under it), with the offers table grown to the dashboard's 100,000-offer size.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { demoCredentials, type Credentials, type DemoRole } from '../../test/e2e/support/api';
import { cpuOfPid } from './hub-process';
import { startBenchPostgres, type BenchPostgres } from './pg-server';
import { rendererResolve } from '../../electron.vite.config';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the renderer into a fresh directory (as test/e2e/support/global-setup.ts does).
 * BENCH_UI_STATIC=DIR reuses a build instead (e.g. out/renderer while iterating on the bench).
 */
export async function buildRenderer(): Promise<{ dir: string; owned: boolean }> {
  const given = process.env['BENCH_UI_STATIC'];
  if (given && existsSync(join(given, 'index.html'))) return { dir: given, owned: false };
  const dir = mkdtempSync(join(tmpdir(), 'counterfoil-bench-ui-'));
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root: join(repo, 'src-renderer'),
    base: './',
    plugins: [react()],
    resolve: rendererResolve,
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, owned: true };
}

export type UiHub = {
  url: string;
  databaseUrl: string;
  pgSource: string;
  credentials: (role: DemoRole) => Credentials;
  hubCpuSeconds: () => number;
  pgCpuSeconds: () => number | null;
  stop: () => Promise<void>;
};

function spawnHub(
  databaseUrl: string,
  staticDir: string,
): Promise<{
  url: string;
  pid: number;
  log: () => string;
  stop: () => Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    [
      'bin/counterfoil.mjs',
      'hub',
      '--database-url',
      databaseUrl,
      '--port',
      '0',
      '--demo',
      '--static',
      staticDir,
    ],
    {
      cwd: repo,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let head = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the demo hub did not start in 180 s:\n${head}`));
    }, 180_000);
    let started = false;
    const onData = (b: Buffer) => {
      if (head.length < 32_000) head += b.toString();
      const url = /running at (http:\/\/\S+)/.exec(head)?.[1];
      if (url && !started) {
        started = true;
        clearTimeout(timer);
        resolve({ url, pid: child.pid as number, log: () => head, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`the demo hub exited before starting:\n${head}`));
    });
  });
}

export async function startUiHub(staticDir: string): Promise<UiHub> {
  const db: BenchPostgres = await startBenchPostgres('ui');
  try {
    const hub = await spawnHub(db.url, staticDir);
    const log = hub.log();
    return {
      url: hub.url,
      databaseUrl: db.url,
      pgSource: db.source,
      credentials: (role) => demoCredentials(role, log),
      hubCpuSeconds: () => cpuOfPid(hub.pid),
      pgCpuSeconds: () => db.cpuSeconds(),
      stop: async () => {
        await hub.stop();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/**
 * Grows the offers table to `total` rows by copying one demo offer (a plain unique-code one)
 * in a single INSERT … SELECT: each copy gets its own id, offer code and name (in the row and
 * in its config), times spread over a year so both sort orders have work to do, and every
 * fourth one already ended so "active only" filters something. The offer_list trigger keeps
 * the narrow list table in step, as it does for every writer.
 */
export async function seedOffers(databaseUrl: string, total: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const have = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM offers')).rows[0]?.n ?? 0,
    );
    const add = Math.max(0, total - have);
    if (add === 0) return have;
    await client.query(
      `INSERT INTO offers (id, offer_code, name, config, code_method, expiry_type, starts_at,
                          ends_at, sync_enabled, created_at, modified_at)
       SELECT gen_random_uuid()::text, t.offer_code || '-' || g, n.name,
              t.config || jsonb_build_object('name', n.name, 'offerCode', t.offer_code || '-' || g),
              t.code_method, t.expiry_type, t.starts_at,
              CASE WHEN g % 4 = 0 THEN now() - interval '1 day' ELSE t.ends_at END,
              false, now() - g * interval '5 minutes', now() - ((g * 7919) % $1) * interval '1 minute'
         FROM (SELECT * FROM offers WHERE code_method = 'UNIQUE_AUTO' AND fixed_part IS NULL
                ORDER BY created_at LIMIT 1) t,
              generate_series(1, $1::int) g,
              LATERAL (SELECT (ARRAY['Diwali', 'Monsoon', 'Welcome', 'Festive', 'Weekend',
                                     'Clearance', 'Launch', 'Loyalty'])[1 + g % 8]
                              || ' bench offer ' || g AS name) n`,
      [add],
    );
    await client.query('ANALYZE offers');
    await client.query('ANALYZE offer_list');
    return have + add;
  } finally {
    await client.end();
  }
}

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
