import { cp, readdir, rename, rm } from 'node:fs/promises';

/** Whether a directory is missing or empty (a data directory with no database yet). */
export async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Makes `dataDir` a copy of the template data directory when it holds nothing yet; answers
 * whether it did. The caller holds the data directory's lock. Copied beside it and renamed
 * in, so a crash mid-copy leaves no half a database, only a folder the next open removes.
 */
export async function copyTemplateInto(template: string, dataDir: string): Promise<boolean> {
  const partial = `${dataDir.replace(/[\\/]+$/, '')}.template-copy`;
  await rm(partial, { recursive: true, force: true });
  if (!(await isEmptyDir(dataDir))) return false;
  await cp(template, partial, { recursive: true });
  await rm(dataDir, { recursive: true, force: true });
  await rename(partial, dataDir);
  return true;
}
