/**
 * A new PGlite database starts as a copy of a migrated template instead of initdb plus every
 * migration: initdb alone is 2.5–5 s on this machine's kind, a copy and open about 0.5 s
 * (docs/benchmarks.md, "Cold start"). The template is made once per machine, PGlite version
 * and list of migrations, in a cache folder ($COUNTERFOIL_PGLITE_TEMPLATES; "off" disables),
 * by initdb and the real migrations in a folder of its own that is renamed into place when
 * complete, so processes racing to make one each get a whole template. The migrations still
 * run on the copy: anything the template lacks is applied as on any start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { migrate, type AppliedMigration } from '#shared/sql/migrate';
import type { Migration } from '#shared/sql/migration';
import { openPglite, type PgliteDb, type PgliteOpenOptions } from './pglite-port';

export const TEMPLATES_ENV = 'COUNTERFOIL_PGLITE_TEMPLATES';

/** Where templates are kept, or null when turned off. */
export function templateRoot(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env[TEMPLATES_ENV];
  if (given === 'off') return null;
  if (given) return resolve(given);
  return join(
    env['XDG_CACHE_HOME'] || join(homedir(), '.cache'),
    'counterfoil',
    'pglite-templates',
  );
}

let version: string | undefined;
/** The installed PGlite's version: a data directory belongs to the Postgres build that made it. */
function pgliteVersion(): string {
  if (version === undefined) {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const manifest = join(dirname(entry), '..', 'package.json');
    version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  return version;
}

/** The template's folder name: the PGlite version and a digest of every migration's text. */
export function templateKey(migrations: readonly Migration[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(migrations.map((m) => [m.version, m.name, m.sql])))
    .digest('hex')
    .slice(0, 16);
  return `pglite-${pgliteVersion()}-${digest}`;
}

/** The migrated template for this list, made first if missing; null when turned off or failed. */
export async function ensureTemplate(
  migrations: readonly Migration[],
  root: string | null = templateRoot(),
  log: (line: string) => void = () => undefined,
): Promise<string | null> {
  if (root === null) return null;
  const dir = join(root, templateKey(migrations));
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(root, { recursive: true });
    const db = await openPglite({ dataDir: building, checkpointIntervalMs: 0 });
    try {
      await migrate(db, migrations);
    } finally {
      await db.close();
    }
    await rename(building, dir).catch(async (error: unknown) => {
      // Another process made it meanwhile: theirs is as good as ours.
      if (!existsSync(join(dir, 'PG_VERSION'))) throw error;
    });
    log(`database template made in ${dir}`);
    return dir;
  } catch (error) {
    log(`database template not made (${String(error)}); running initdb instead`);
    return null;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/** openPglite's `template` option for dataDir: the template when dataDir holds no database. */
export async function templateFor(
  dataDir: string,
  migrations: readonly Migration[],
  root?: string | null,
  log?: (line: string) => void,
): Promise<{ template?: string }> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return {};
  const template = await ensureTemplate(migrations, root, log);
  return template ? { template } : {};
}

/**
 * Opens PGlite in dataDir and migrates it; a data directory with no database yet starts as a
 * copy of the template. Answers the migrations applied here (none on a fresh copy of a current
 * template).
 */
export async function openMigratedPglite(
  options: Omit<PgliteOpenOptions, 'template' | 'memory'> & {
    dataDir: string;
    migrations: readonly Migration[];
    templateRoot?: string | null;
    log?: (line: string) => void;
  },
): Promise<{ db: PgliteDb; applied: AppliedMigration[] }> {
  const { migrations, log, templateRoot: root, ...open } = options;
  const db = await openPglite({
    ...open,
    ...(await templateFor(open.dataDir, migrations, root, log)),
  });
  try {
    return { db, applied: await migrate(db, migrations) };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
