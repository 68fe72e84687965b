import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Another live process holds the data directory. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}; close that app first. ` +
        `(If no Counterfoil app is running as process ${pid}, delete ${lockPath}.)`,
    );
  }
}

export type DataDirLock = {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** The pid in a lock file; null if it is missing or not (yet) a pid. */
function readOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw error;
  }
}

const ageMs = (path: string): number => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** Creates the lock file exclusively with our pid; false if it already exists. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * A file whose content is not a pid is either being written right now (between O_EXCL
 * create and write, microseconds) or left by a crash in that window. Give a writer time.
 */
const UNREADABLE_GRACE_MS = 2_000;

/** A takeover guard older than this was left by a crash mid-takeover. */
const GUARD_STALE_MS = 5_000;

/**
 * Removes a stale lock under a short-lived O_EXCL guard, so two processes that both saw the
 * same dead owner cannot both take over (one would otherwise delete the other's fresh lock).
 */
function removeStale(path: string, stale: number | null): void {
  const guard = `${path}.takeover`;
  if (!tryCreate(guard)) {
    if (ageMs(guard) > GUARD_STALE_MS) unlinkSync(guard);
    return; // someone else is taking over; the caller retries
  }
  try {
    if (readOwner(path) === stale) {
      try {
        unlinkSync(path);
      } catch (error) {
        if (errno(error) !== 'ENOENT') throw error;
      }
    }
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Exactly one process may open a PGlite data directory (single-user Postgres; two would
 * corrupt it). Takes `<dataDir>.lock`, created with O_EXCL and holding our pid. A lock whose
 * pid is alive → DataDirInUseError; a lock whose pid is dead (crash, power cut) is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  // The lock sits beside the data directory: on a first start neither it nor its parent (the
  // default .data/) exists yet.
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + UNREADABLE_GRACE_MS + 1_000;
  for (;;) {
    if (tryCreate(path)) break;
    const owner = readOwner(path);
    if (owner === process.pid) {
      throw new Error(`The data directory ${dataDir} is already open in this process (${path}).`);
    }
    if (owner !== null && isAlive(owner)) {
      throw new DataDirInUseError(dataDir, owner, path);
    }
    if (owner !== null || ageMs(path) > UNREADABLE_GRACE_MS) {
      removeStale(path, owner);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Could not lock ${dataDir}: ${path} stays unreadable or contended; delete it.`,
      );
    }
    sleepSync(10);
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      if (readOwner(path) === process.pid) {
        try {
          unlinkSync(path);
        } catch (error) {
          if (errno(error) !== 'ENOENT') throw error;
        }
      }
    },
  };
}
