import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, acquireDataDirLock } from '#server/platform/db/data-dir-lock';
import { openPglite } from '#server/platform/db/pglite-port';
import { pgliteTemplate, sharedPgliteAssets } from '../../../helpers/db';
import { spawnFixture } from './fixtures/spawn';

let root: string;
let dataDir: string;
let lockPath: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cf-lock-'));
  dataDir = join(root, 'data');
  lockPath = `${dataDir}.lock`;
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** The pid of a process that has certainly exited. */
const deadPid = (): number => {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(result.stdout.toString());
};

describe('acquireDataDirLock', () => {
  it('creates <dataDir>.lock holding our pid and removes it on release', () => {
    const lock = acquireDataDirLock(dataDir);
    expect(lock.path).toBe(lockPath);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release(); // idempotent
  });

  it('locks a data directory whose parent does not exist yet (a fresh clone’s .data/hub)', () => {
    const nested = join(root, 'fresh', '.data', 'hub');
    const lock = acquireDataDirLock(nested);
    expect(readFileSync(`${nested}.lock`, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a second open in the same process', () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      expect(() => acquireDataDirLock(`${dataDir}/`)).toThrow(/already open in this process/);
    } finally {
      lock.release();
    }
  });

  it('refuses a lock held by a live process, naming it and what to do', () => {
    writeFileSync(lockPath, `${process.ppid}\n`);
    let error: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).pid).toBe(process.ppid);
    expect((error as Error).message).toBe(
      `The data directory ${dataDir} is in use by process ${process.ppid}; close that app first. ` +
        `(If no Counterfoil app is running as process ${process.ppid}, delete ${lockPath}.)`,
    );
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.ppid));
  });

  it('takes over a lock left by a dead process', () => {
    writeFileSync(lockPath, `${deadPid()}\n`);
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an old lock file that never got its pid written (crash at creation)', () => {
    writeFileSync(lockPath, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('does not delete a lock that another process has taken since', () => {
    const lock = acquireDataDirLock(dataDir);
    writeFileSync(lockPath, `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.ppid));
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    writeFileSync(lockPath, `${deadPid()}\n`);
    const contenders = Array.from({ length: 4 }, () => spawnFixture('lock-contender', [dataDir]));
    await Promise.all(contenders.map((c) => c.waitFor((l) => l === 'armed')));
    const go = `go ${Date.now() + 100}\n`;
    for (const c of contenders) c.child.stdin.write(go);
    const outcomes = await Promise.all(
      contenders.map((c) => c.waitFor((l) => /^(won|lost)/.test(l))),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o !== 'won')) {
      expect(lost).toMatch(/is in use by process \d+; close that app first/);
    }
    contenders[outcomes.indexOf('won')]?.child.stdin.write('release\n');
    await Promise.all(contenders.map((c) => c.exited));
    expect(existsSync(lockPath)).toBe(false);
  });
});

/** Hash of every file under dir (names, sizes, contents): did anything change? */
const treeHash = (dir: string): string => {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = statSync(path);
      hash.update(`${path}:${stat.size}`);
      if (stat.isDirectory()) walk(path);
      else hash.update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
};

describe('openPglite on a data directory another process holds', () => {
  it('refuses with a clear error, changes nothing, and takes over once that process is killed', async () => {
    const holder = spawnFixture('pglite-holder', [dataDir]);
    try {
      const ready = await holder.waitFor((l) => l.startsWith('ready '), 40_000);
      const holderPid = Number(ready.split(' ')[1]);
      for (const id of [1, 2, 3]) {
        holder.child.stdin.write(`insert ${id}\n`);
        await holder.waitFor((l) => l === `inserted ${id}`);
      }
      const before = treeHash(dataDir);

      const attempt = openPglite({ dataDir, assets: await sharedPgliteAssets() });
      await expect(attempt).rejects.toThrow(DataDirInUseError);
      await expect(attempt).rejects.toThrow(
        `The data directory ${dataDir} is in use by process ${holderPid}; close that app first.`,
      );
      expect(treeHash(dataDir)).toBe(before);
      expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(holderPid));

      // The holder still works after the refused attempt.
      holder.child.stdin.write('insert 4\n');
      await holder.waitFor((l) => l === 'inserted 4');

      // Killed at once (no close, no checkpoint): its lock is stale and its commits survive.
      holder.child.kill('SIGKILL');
      await holder.exited;
      expect(existsSync(lockPath)).toBe(true);
      const db = await openPglite({ dataDir, assets: await sharedPgliteAssets() });
      try {
        expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
        const rows = await db.query<{ id: number }>('SELECT id FROM held ORDER BY id');
        expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
      } finally {
        await db.close();
      }
      expect(existsSync(lockPath)).toBe(false);
    } finally {
      holder.child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('openPglite on disk', () => {
  it('persists across close and reopen, checkpoints periodically, and releases its lock', async () => {
    const assets = await sharedPgliteAssets();
    const loadDataDir = await pgliteTemplate({ empty: true });
    const first = await openPglite({ dataDir, loadDataDir, assets, checkpointIntervalMs: 50 });
    const redo = async (): Promise<string> =>
      (
        await first.query<{ lsn: string }>(
          'SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()',
        )
      )[0]?.lsn ?? '';
    await first.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2)');
    const start = await redo();
    await expect.poll(redo, { timeout: 10_000, interval: 50 }).not.toBe(start);
    await first.makeDurable();
    await first.close();
    await first.close(); // idempotent
    expect(existsSync(lockPath)).toBe(false);

    const second = await openPglite({ dataDir, assets, checkpointIntervalMs: 0 });
    try {
      expect(await second.query('SELECT id FROM kept ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('releases the lock when PGlite fails to open', async () => {
    const garbage = new Blob(['this is not a tarball']);
    await expect(
      openPglite({ dataDir, loadDataDir: garbage, assets: await sharedPgliteAssets() }),
    ).rejects.toThrow();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('needs exactly one of dataDir and memory', async () => {
    await expect(openPglite({})).rejects.toThrow(/exactly one of/);
    await expect(openPglite({ dataDir, memory: true })).rejects.toThrow(/exactly one of/);
  });
});
