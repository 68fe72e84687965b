/**
 * A PostgreSQL server for a bench suite: $COUNTERFOIL_TEST_PG_URL when set (a fresh database
 * is made on it and dropped afterwards), else a throwaway cluster of the newest
 * /usr/lib/postgresql/<v>/bin on a free loopback port, run as the `postgres` user when we are
 * root (the server refuses root), like scripts/ci-postgres.sh.
 *
 * Unlike the test clusters, durability stays ON (fsync, synchronous_commit, full_page_writes):
 * the hub's figures are for a server that keeps what it acknowledged. Memory settings are what
 * anyone would give PostgreSQL on a 24 GiB machine; they are reported with the results.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

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
  /** 'own cluster' (durable, settings above) or 'COUNTERFOIL_TEST_PG_URL'. */
  source: string;
  version: string;
  /**
   * CPU seconds spent by the server's processes so far (user + system, reaped children
   * included); null on a server we did not start (its processes are not ours to read).
   */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
};

const isRoot = (): boolean => process.getuid?.() === 0;

function newestPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) {
    throw new Error(
      'No PostgreSQL server: install the Debian package postgresql, or set COUNTERFOIL_TEST_PG_URL',
    );
  }
  return join(root, versions[0], 'bin');
}

async function asPostgres(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await run(cmd, argv, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });

const TICKS = 100; // USER_HZ on Linux

/** utime+stime (+ reaped children's) of a process and its live children, in seconds. */
function processTreeCpu(rootPid: number): number {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces) start at ") ".
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(f[1]);
    if (pid !== rootPid && ppid !== rootPid) continue;
    ticks += Number(f[11]) + Number(f[12]);
    if (pid === rootPid) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks / TICKS;
}

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

/** A fresh database on a server for the suite `label` (lower-case letters, digits, _). */
export async function startBenchPostgres(label: string): Promise<BenchPostgres> {
  const dbName = `cf_bench_${label}_${process.pid}`;
  const given = process.env['COUNTERFOIL_TEST_PG_URL'];
  if (given) {
    const url = await makeDatabase(given, dbName);
    return {
      url,
      source: 'COUNTERFOIL_TEST_PG_URL',
      version: await serverVersion(url),
      cpuSeconds: () => null,
      stop: () => dropDatabase(given, dbName),
    };
  }
  const bin = newestPgBin();
  const dir = await mkdtemp(join(tmpdir(), 'cf-bench-pg-'));
  const data = join(dir, 'data');
  const stopCluster = async () => {
    await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']).catch(
      () => undefined,
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot()) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      await chown(dir, uid, gid);
    }
    await asPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    const port = await freePort();
    const settings = Object.entries(SERVER_SETTINGS).map(([k, v]) => `-c ${k}=${v}`);
    await asPostgres(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings].join(' '),
      'start',
    ]);
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const url = await makeDatabase(admin, dbName);
    return {
      url,
      source: 'own cluster (fsync on)',
      version: await serverVersion(url),
      cpuSeconds: () => processTreeCpu(postmaster),
      stop: stopCluster,
    };
  } catch (error) {
    await stopCluster();
    throw error;
  }
}
