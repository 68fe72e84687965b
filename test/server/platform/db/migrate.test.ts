import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '#server/platform/db/pg-port';
import {
  MigrationError,
  migrate,
  pendingMigrations,
  validateMigrationList,
  type Migration,
} from '#shared/sql/migrate';
import { migrations as realMigrations } from '#shared/sql/migrations/index';
import type { SqlPort } from '#shared/sql/port';
import {
  eachDialect,
  freshDb,
  freshPostgres,
  postgresAvailable,
  type TestDb,
} from '../../../helpers/db';

const m = (version: number, sql = `CREATE TABLE t${version} (id int PRIMARY KEY);`): Migration => ({
  version,
  name: `m${version}`,
  sql,
});
const list = (n: number): Migration[] => Array.from({ length: n }, (_, i) => m(i + 1));

const refusal = (fn: () => unknown): MigrationError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error('expected a MigrationError');
};

const rejection = async (promise: Promise<unknown>): Promise<MigrationError> => {
  const error: unknown = await promise.then(
    () => new Error('expected a MigrationError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
};

describe('validateMigrationList', () => {
  it('accepts 1…n', () => {
    expect(() => validateMigrationList(list(5))).not.toThrow();
    expect(() => validateMigrationList([])).not.toThrow();
  });

  it('refuses gaps, repeats, wrong starts and bad names, naming the version', () => {
    const gap = refusal(() => validateMigrationList([m(1), m(3)]));
    expect([gap.code, gap.version]).toEqual(['invalid_list', 3]);
    expect(gap.message).toMatch(/version 2 is missing/);
    const repeat = refusal(() => validateMigrationList([m(1), m(2), m(2)]));
    expect(repeat.message).toMatch(/strictly increasing/);
    expect(refusal(() => validateMigrationList([m(0)])).version).toBe(0);
    expect(refusal(() => validateMigrationList([m(1), { ...m(2), name: 'm1' }])).message).toMatch(
      /duplicate name "m1"/,
    );
    expect(refusal(() => validateMigrationList([{ ...m(1), name: ' ' }])).message).toMatch(/empty/);
  });

  it('refuses every shuffled list except the ordered one', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(list(6), { minLength: 1 }), (subset) => {
        const ordered = subset.every((x, i) => x.version === i + 1);
        if (ordered) expect(() => validateMigrationList(subset)).not.toThrow();
        else expect(() => validateMigrationList(subset)).toThrow(MigrationError);
      }),
    );
  });
});

describe('pendingMigrations', () => {
  const applied = (...versions: number[]) => versions.map((v) => ({ version: v, name: `m${v}` }));

  it('returns the tail not yet applied', () => {
    expect(pendingMigrations(list(4), applied(1, 2)).map((x) => x.version)).toEqual([3, 4]);
    expect(pendingMigrations(list(2), applied(1, 2))).toEqual([]);
  });

  it('refuses a hole below the highest applied version (out of order)', () => {
    const error = refusal(() => pendingMigrations(list(4), applied(1, 3)));
    expect([error.code, error.version]).toEqual(['out_of_order', 2]);
    expect(error.message).toMatch(/Migration 2 \("m2"\) is not applied, but the later migration 3/);
  });

  it('refuses versions the code does not know and renamed migrations', () => {
    const unknown = refusal(() => pendingMigrations(list(2), applied(1, 2, 3)));
    expect([unknown.code, unknown.version]).toEqual(['unknown_version', 3]);
    const renamed = refusal(() =>
      pendingMigrations(list(2), [
        { version: 1, name: 'm1' },
        { version: 2, name: 'other' },
      ]),
    );
    expect([renamed.code, renamed.version]).toEqual(['name_mismatch', 2]);
  });
});

const tableExists = async (sql: SqlPort, name: string): Promise<boolean> => {
  const [row] = await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
    name,
  ]);
  return row?.found != null;
};

const appliedRows = (sql: SqlPort) =>
  sql.query<{ version: number; name: string; applied_at: string }>(
    'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
  );

eachDialect('migrate', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect, { empty: true });
  });
  afterAll(() => db.close());

  // One database, steps in order: each test builds on the state the previous one left.
  it('applies every migration of an empty database, each with its version row', async () => {
    const done = await migrate(db.sql, list(2));
    expect(done).toEqual([
      { version: 1, name: 'm1' },
      { version: 2, name: 'm2' },
    ]);
    expect(await tableExists(db.sql, 't1')).toBe(true);
    expect(await tableExists(db.sql, 't2')).toBe(true);
    const rows = await appliedRows(db.sql);
    expect(rows.map((r) => [r.version, r.name])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
    ]);
    expect(rows[0]?.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('does nothing on a re-run', async () => {
    const before = await appliedRows(db.sql);
    expect(await migrate(db.sql, list(2))).toEqual([]);
    expect(await appliedRows(db.sql)).toEqual(before);
  });

  it('applies only what is new when the list grows', async () => {
    expect(await migrate(db.sql, list(3))).toEqual([{ version: 3, name: 'm3' }]);
    expect(await tableExists(db.sql, 't3')).toBe(true);
  });

  it('rolls back a failing migration alone and names it; earlier ones stay', async () => {
    const bad = m(5, 'CREATE TABLE t5 (id int); SELECT 1 / 0;');
    const error = await rejection(migrate(db.sql, [...list(4), bad, m(6)]));
    expect([error.code, error.version]).toEqual(['failed', 5]);
    expect(error.message).toMatch(
      /Migration 5 \("m5"\) failed and was rolled back: .*division by zero/,
    );
    expect(await tableExists(db.sql, 't4')).toBe(true);
    expect(await tableExists(db.sql, 't5')).toBe(false);
    expect(await tableExists(db.sql, 't6')).toBe(false);
    expect((await appliedRows(db.sql)).map((r) => r.version)).toEqual([1, 2, 3, 4]);
  });

  it('refuses to run out of order and applies nothing', async () => {
    await db.sql.query('DELETE FROM schema_migrations WHERE version = 2');
    const error = await rejection(migrate(db.sql, list(6)));
    expect([error.code, error.version]).toEqual(['out_of_order', 2]);
    expect(await tableExists(db.sql, 't5')).toBe(false);
    await db.sql.query("INSERT INTO schema_migrations (version, name) VALUES (2, 'm2')");
  });

  it('refuses a database that is newer than the code, or renamed migrations', async () => {
    const newer = await rejection(migrate(db.sql, list(3)));
    expect([newer.code, newer.version]).toEqual(['unknown_version', 4]);
    const renamed = await rejection(
      migrate(db.sql, [m(1), { ...m(2), name: 'renamed' }, m(3), m(4)]),
    );
    expect([renamed.code, renamed.version]).toEqual(['name_mismatch', 2]);
  });

  it('lets concurrent migrators on one port apply each migration once', async () => {
    const more = list(8);
    const [a, b] = await Promise.all([migrate(db.sql, more), migrate(db.sql, more)]);
    expect([...a, ...b].map((x) => x.version).sort()).toEqual([5, 6, 7, 8]);
    expect((await appliedRows(db.sql)).map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe.skipIf(!postgresAvailable())('migrate [postgres, two processes]', () => {
  it('serializes hub processes with an advisory lock: each migration applied exactly once', async () => {
    const target = await freshPostgres({ empty: true });
    // Two independent pools stand in for two hub processes starting at once.
    const hubs = [
      openPostgres({ connectionString: target.url }),
      openPostgres({ connectionString: target.url }),
    ];
    try {
      const slow = Array.from({ length: 6 }, (_, i) =>
        m(i + 1, `SELECT pg_sleep(0.02); CREATE TABLE t${i + 1} (id int);`),
      );
      const results = await Promise.all(hubs.map((hub) => migrate(hub, slow)));
      const all = results.flat().map((x) => x.version);
      expect(all.sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await appliedRows(target.sql)).map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await Promise.all(hubs.map((hub) => hub.close()));
      await target.close();
    }
  });
});

/** Tables a migration creates, read from its SQL (CREATE TABLE [IF NOT EXISTS] name). */
const createdTables = (sql: string): string[] =>
  [
    ...sql.matchAll(
      /CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_.]*)/gi,
    ),
  ].map((match) => match[1] as string);

eachDialect('the real migrations', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect, { empty: true });
  });
  afterAll(() => db.close());

  it('form a valid list', () => {
    expect(() => validateMigrationList(realMigrations)).not.toThrow();
    expect(realMigrations.length).toBeGreaterThan(0);
  });

  // In order on one database: each migration applies on top of the ones before it.
  for (const migration of realMigrations) {
    it(`${migration.version} (${migration.name}) applies and creates its tables`, async () => {
      const done = await migrate(db.sql, realMigrations.slice(0, migration.version));
      expect(done).toEqual([{ version: migration.version, name: migration.name }]);
      for (const table of createdTables(migration.sql)) {
        expect(await tableExists(db.sql, table), `table ${table}`).toBe(true);
      }
    });
  }

  it('leave nothing pending afterwards', async () => {
    expect(await migrate(db.sql, realMigrations)).toEqual([]);
  });
});
