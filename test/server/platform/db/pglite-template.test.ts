import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOperations } from '../../../helpers/all-operations';
import { openHubDb } from '#server/hub/hub-db';
import { openPglite } from '#server/platform/db/pglite-port';
import {
  ensureTemplate,
  openMigratedPglite,
  templateKey,
  templateRoot,
  TEMPLATES_ENV,
} from '#server/platform/db/pglite-template';
import { copyTemplateInto } from '#server/platform/db/template-copy';
import { seedDemo } from '#shared/services/demo/seed-demo';
import { migrate } from '#shared/sql/migrate';
import { migrations } from '#shared/sql/migrations/index';
import type { SqlPort } from '#shared/sql/port';

const NOW = new Date('2025-06-18T09:00:00.000Z');

/** What a schema is: migrations recorded, columns, indexes, constraints, triggers. */
async function schemaOf(sql: SqlPort): Promise<unknown> {
  const q = (text: string) => sql.query(text);
  return {
    migrations: await q('SELECT version, name FROM schema_migrations ORDER BY version'),
    columns: await q(
      `SELECT table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    ),
    indexes: await q(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
    ),
    constraints: await q(
      `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    ),
    triggers: await q(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`),
  };
}

/** The demo's shape: what every table holds, without the random codes and ids. */
async function demoOf(sql: SqlPort): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['org_entities', 'customers', 'offers', 'coupons', 'redemptions', 'users']) {
    const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = rows[0]?.n ?? -1;
  }
  const states = await sql.query<{ state: string; n: number }>(
    `SELECT state || ':' || redemption_count AS state, count(*)::int AS n FROM coupons GROUP BY 1`,
  );
  for (const s of states) out[`coupons ${s.state}`] = s.n;
  return out;
}

describe('PGlite data directories from a migrated template', () => {
  let dir: string;
  let root: string;
  let fresh: { schema: unknown; demo: Record<string, number> };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-template-'));
    root = join(dir, 'templates');
    // The reference: initdb and every migration, as before templates existed.
    const db = await openPglite({ dataDir: join(dir, 'fresh'), checkpointIntervalMs: 0 });
    await migrate(db, migrations);
    await seedDemo(db, NOW, { passwordIterations: 1000, dispatcher: allOperations() });
    fresh = { schema: await schemaOf(db), demo: await demoOf(db) };
    await db.close();
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is made once per PGlite version and migration list, then reused', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const first = await ensureTemplate(migrations, root, log);
    expect(first).toBe(join(root, templateKey(migrations)));
    expect(await ensureTemplate(migrations, root, log)).toBe(first);
    expect(lines.filter((l) => l.includes('template made'))).toHaveLength(1);
    // Nothing half-made is left beside it.
    expect(await readdir(root)).toEqual([templateKey(migrations)]);
    // Another migration list is another template.
    expect(templateKey(migrations.slice(0, -1))).not.toBe(templateKey(migrations));
  }, 120_000);

  it('gives a hub the same schema and demo data as initdb and the migrations do', async () => {
    const previous = process.env[TEMPLATES_ENV];
    process.env[TEMPLATES_ENV] = root;
    try {
      const hub = await openHubDb({ dataDir: join(dir, 'hub') });
      try {
        await seedDemo(hub.sql, NOW, { passwordIterations: 1000, dispatcher: allOperations() });
        expect(await schemaOf(hub.sql)).toEqual(fresh.schema);
        expect(await demoOf(hub.sql)).toEqual(fresh.demo);
      } finally {
        await hub.close();
      }
    } finally {
      if (previous === undefined) delete process.env[TEMPLATES_ENV];
      else process.env[TEMPLATES_ENV] = previous;
    }
    // The copy is a database of its own: the template is untouched by the hub's writes.
    const template = await openPglite({
      dataDir: join(root, templateKey(migrations)),
      checkpointIntervalMs: 0,
    });
    try {
      expect((await demoOf(template))['offers']).toBe(0);
    } finally {
      await template.close();
    }
  }, 120_000);

  it('reopens an existing database as it is, and runs migrations the template lacks', async () => {
    const older = migrations.slice(0, -1);
    const opened = await openMigratedPglite({
      dataDir: join(dir, 'older'),
      migrations: older,
      templateRoot: root,
      checkpointIntervalMs: 0,
    });
    expect(opened.applied).toEqual([]);
    await opened.db.close();
    const again = await openMigratedPglite({
      dataDir: join(dir, 'older'),
      migrations,
      templateRoot: root,
      checkpointIntervalMs: 0,
    });
    try {
      const last = migrations[migrations.length - 1];
      expect(again.applied.map((m) => m.name)).toEqual([last?.name]);
      expect(await schemaOf(again.db)).toEqual(fresh.schema);
    } finally {
      await again.db.close();
    }
  }, 120_000);

  it('never copies over a folder that already holds something', async () => {
    const target = join(dir, 'occupied');
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'notes.txt'), 'mine');
    expect(await copyTemplateInto(join(root, templateKey(migrations)), target)).toBe(false);
    expect(await readdir(target)).toEqual(['notes.txt']);
    expect(existsSync(`${target}.template-copy`)).toBe(false);
  });

  it('is kept in the cache folder, or nowhere when turned off', () => {
    expect(templateRoot({ [TEMPLATES_ENV]: 'off' })).toBeNull();
    expect(templateRoot({ [TEMPLATES_ENV]: '/x/y' })).toBe('/x/y');
    expect(templateRoot({ XDG_CACHE_HOME: '/c' })).toBe('/c/counterfoil/pglite-templates');
  });
});
