/**
 * A throwaway PostgreSQL cluster for one test run: on a free loopback port, in a temp dir,
 * durability off (fsync, synchronous_commit, full_page_writes). The server refuses to run as
 * root, so as root every command runs as the `postgres` user (like scripts/ci-postgres.sh).
 * initdb is the slow part (≈2 s), so its output is cached per PostgreSQL version and copied.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chown, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PgCluster = { url: string; dir: string; stop(): Promise<void> };

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

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

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
  const { uid, gid } = await postgresIds();
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

/** An initdb'd data directory for this PostgreSQL version, made once and reused. */
async function cachedInitdb(bin: string, cacheDir: string): Promise<string> {
  const version = bin.split('/').at(-2) ?? 'pg';
  const cached = join(cacheDir, `initdb-${version}`);
  if (existsSync(join(cached, 'PG_VERSION'))) return cached;
  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(join(cacheDir, `initdb-${version}-`));
  await chownTree(staging);
  await asPostgres(join(bin, 'initdb'), [
    '-D',
    join(staging, 'data'),
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
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
 * Stops and removes clusters whose test run died without its teardown (killed vitest), so a
 * shared machine does not collect orphaned servers.
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
    await asPostgres(join(bin, 'pg_ctl'), [
      '-D',
      join(dir, 'data'),
      '-m',
      'immediate',
      'stop',
    ]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startPgCluster(bin: string, cacheDir: string): Promise<PgCluster> {
  await reapOrphans(bin);
  const template = await cachedInitdb(bin, cacheDir);
  const dir = await mkdtemp(join(tmpdir(), CLUSTER_PREFIX));
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
  const data = join(dir, 'data');
  await cp(template, data, { recursive: true });
  await chownTree(dir);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      await asPostgres(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-o',
        [
          `-p ${port}`,
          `-k ${dir}`,
          '-c listen_addresses=127.0.0.1',
          '-c fsync=off',
          '-c synchronous_commit=off',
          '-c full_page_writes=off',
          '-c max_connections=300',
        ].join(' '),
        'start',
      ]);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        dir,
        async stop() {
          await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(
            () => undefined,
          );
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error; // most likely the port was taken between probe and bind
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
