/**
 * The one way this repository starts a throwaway PostgreSQL cluster: the test run
 * (test/global-setup.ts), the benchmarks (bench/workers/pg-server.ts) and CI
 * (scripts/ci-postgres.sh through scripts/pg-cluster-cli.ts) all come here.
 *
 * Always: the newest /usr/lib/postgresql/<v>/bin, UTF8 with the C locale whatever the machine's
 * locale (tests store non-ASCII text; C makes ordering predictable), listening on 127.0.0.1 only,
 * and as root every command runs as the `postgres` user (the server refuses to run as root).
 *
 * `durable: false` (tests, CI): fsync, synchronous_commit and full_page_writes off, initdb
 * without sync, immediate shutdown — the data is thrown away anyway.
 * `durable: true` (bench): all of those stay on and shutdown is clean, so figures are for a
 * server that keeps what it acknowledged.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chown, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PgCluster = {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  port: number;
  /** The cluster's folder: data/, log, the socket. */
  dir: string;
  /** The postmaster's process id (for CPU accounting). */
  pid: number;
  stop(): Promise<void>;
};

export type PgClusterOptions = {
  /** See the file comment. */
  durable: boolean;
  /** A PostgreSQL bin folder; the newest installed one when omitted. */
  bin?: string;
  /** Extra server settings (`-c name=value`), e.g. memory sizes. */
  settings?: Record<string, string>;
  /**
   * Where to keep an initdb'd data directory per PostgreSQL version and copy it (initdb is
   * ≈2 s). Non-durable clusters only: the cache was written without sync.
   */
  initdbCacheDir?: string;
  /**
   * A fixed folder (emptied first) instead of a fresh temp one. Such a cluster is not tied to
   * this process: it outlives it and is never reaped as an orphan (CI starts it from a
   * short-lived command and stops it at exit).
   */
  dir?: string;
  /** A fixed port instead of a free one. */
  port?: number;
};

/** The newest /usr/lib/postgresql/<v>/bin holding initdb, or null. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
async function asPostgres(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await run(cmd, argv, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

async function chownTree(path: string): Promise<void> {
  if (!isRoot()) return;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(path, uid, gid);
  await run('chown', ['-R', `${uid}:${gid}`, path]);
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

const initdbArgs = (data: string, sync: boolean): string[] => [
  ...['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'],
  ...(sync ? [] : ['--no-sync']),
];

/** An initdb'd (unsynced) data directory for this PostgreSQL version, made once and reused. */
async function cachedInitdb(bin: string, cacheDir: string): Promise<string> {
  const version = bin.split('/').at(-2) ?? 'pg';
  const cached = join(cacheDir, `initdb-${version}`);
  if (existsSync(join(cached, 'PG_VERSION'))) return cached;
  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, `initdb-${version}-`));
  await chownTree(staging);
  await asPostgres(join(bin, 'initdb'), initdbArgs(join(staging, 'data'), false));
  try {
    await rename(join(staging, 'data'), cached);
  } catch {
    // Another run cached it first; theirs is as good as ours.
  }
  await rm(staging, { recursive: true, force: true });
  return cached;
}

const CLUSTER_PREFIX = 'cf-pg-';
const OWNER_FILE = 'owner.pid';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Stops and removes clusters whose owner died without its teardown (a killed vitest or bench),
 * so a shared machine does not collect orphaned servers.
 */
async function reapOrphans(bin: string): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(CLUSTER_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours, or still being set up
    }
    if (!Number.isSafeInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    await stopServer(bin, join(dir, 'data'), 'immediate');
    await rm(dir, { recursive: true, force: true });
  }
}

const stopServer = (bin: string, data: string, mode: 'fast' | 'immediate'): Promise<void> =>
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, 'stop']).catch(() => undefined);

/** Stops a cluster started with a fixed `dir` by an earlier process, and removes the folder. */
export async function stopPgClusterAt(dir: string, bin = findPgBin()): Promise<void> {
  if (bin !== null) await stopServer(bin, join(dir, 'data'), 'immediate');
  await rm(dir, { recursive: true, force: true });
}

async function makeDataDir(dir: string, bin: string, options: PgClusterOptions): Promise<string> {
  const data = join(dir, 'data');
  if (!options.durable && options.initdbCacheDir !== undefined) {
    await cp(await cachedInitdb(bin, options.initdbCacheDir), data, { recursive: true });
    await chownTree(dir);
  } else {
    await chownTree(dir);
    await asPostgres(join(bin, 'initdb'), initdbArgs(data, options.durable));
  }
  return data;
}

export async function startPgCluster(options: PgClusterOptions): Promise<PgCluster> {
  const bin = options.bin ?? findPgBin();
  if (bin === null) {
    throw new Error(
      'No PostgreSQL server under /usr/lib/postgresql/*/bin: install the Debian package ' +
        'postgresql, or set COUNTERFOIL_TEST_PG_URL to a server.',
    );
  }
  await reapOrphans(bin);
  let dir: string;
  if (options.dir === undefined) {
    dir = await mkdtemp(join(tmpdir(), CLUSTER_PREFIX));
    await writeFile(join(dir, OWNER_FILE), String(process.pid));
  } else {
    dir = options.dir;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }
  const stopMode = options.durable ? 'fast' : 'immediate';
  const settings = {
    listen_addresses: '127.0.0.1',
    ...(options.durable
      ? {}
      : {
          fsync: 'off',
          synchronous_commit: 'off',
          full_page_writes: 'off',
          max_connections: '300',
        }),
    ...options.settings,
  };
  let lastError: unknown;
  try {
    const data = await makeDataDir(dir, bin, options);
    for (let attempt = 0; attempt < (options.port === undefined ? 3 : 1); attempt += 1) {
      const port = options.port ?? (await freePort());
      try {
        await asPostgres(join(bin, 'pg_ctl'), [
          ...['-D', data, '-l', join(dir, 'log'), '-w', '-o'],
          [
            `-p ${port}`,
            `-k ${dir}`,
            ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
          ].join(' '),
          'start',
        ]);
      } catch (error) {
        lastError = error; // most likely the port was taken between probe and bind
        continue;
      }
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
        dir,
        pid,
        async stop() {
          await stopServer(bin, data, stopMode);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (error) {
    lastError = error;
  }
  await stopServer(bin, join(dir, 'data'), 'immediate');
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
