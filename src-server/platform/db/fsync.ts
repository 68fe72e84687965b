import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes a directory's entries (new, renamed, removed files) durable. Windows cannot open a
 * directory for fsync and journals its metadata anyway, so there it is a no-op.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs every file and directory under `root` (a PGlite data directory after CHECKPOINT). */
export async function fsyncTree(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      await fsyncTree(path);
    } else if (entry.isFile()) {
      const handle = await open(path, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
  }
  await fsyncDir(root);
}
