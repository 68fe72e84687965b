import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '#shared/sql/port';
import {
  eachDialect,
  freshPglite,
  freshPostgres,
  freshDb,
  postgresAvailable,
  type TestDb,
} from '../../../helpers/db';

const SCRATCH = `CREATE TABLE scratch (
  id int PRIMARY KEY,
  label text,
  amount numeric(12, 2),
  at timestamptz,
  tags text[],
  meta jsonb
)`;

const count = async (sql: SqlPort): Promise<number> =>
  (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM scratch'))[0]?.n ?? -1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One statement returning every shape the services rely on. */
const SHAPES_SQL = `SELECT
  '2026-11-12 10:00:00.123456+00'::timestamptz AS ts,
  '2026-11-12 10:00:00'::timestamp AS ts_local,
  '2026-11-12'::date AS day,
  '12.50'::numeric AS money,
  '0.000000000000000000001'::numeric AS tiny,
  42::int8 AS small_big,
  9007199254740993::int8 AS huge_big,
  7::int4 AS i4, 3::int2 AS i2, 1.5::float8 AS f8,
  true AS yes, false AS no,
  '{"a": [1, "x", null], "b": {"c": true}}'::jsonb AS doc,
  '[1, 2]'::json AS arr_json,
  'a1b2c3d4-0000-4000-8000-000000000000'::uuid AS id,
  '\\x00ff'::bytea AS bytes,
  '1 day 02:00:00'::interval AS span,
  ARRAY['1 day']::interval[] AS spans,
  ARRAY['a', 'b c', NULL]::text[] AS texts,
  ARRAY[1, 2]::int8[] AS bigs,
  ARRAY['1.10']::numeric[] AS amounts,
  ARRAY['2026-11-12 10:00:00+00']::timestamptz[] AS stamps,
  ARRAY['2026-11-12']::date[] AS days,
  NULL::timestamptz AS nothing`;

const EXPECTED_SHAPES = {
  ts: '2026-11-12T10:00:00.123Z',
  ts_local: '2026-11-12T10:00:00.000',
  day: '2026-11-12',
  money: '12.50',
  tiny: '0.000000000000000000001',
  small_big: 42,
  huge_big: 9007199254740993n,
  i4: 7,
  i2: 3,
  f8: 1.5,
  yes: true,
  no: false,
  doc: { a: [1, 'x', null], b: { c: true } },
  arr_json: [1, 2],
  id: 'a1b2c3d4-0000-4000-8000-000000000000',
  bytes: new Uint8Array([0, 255]),
  span: '1 day 02:00:00',
  spans: '{"1 day"}', // arrays of unlisted types stay raw text on both
  texts: ['a', 'b c', null],
  bigs: [1, 2],
  amounts: ['1.10'],
  stamps: ['2026-11-12T10:00:00.000Z'],
  days: ['2026-11-12'],
  nothing: null,
};

eachDialect('SqlPort', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect, { empty: true });
    await db.sql.exec(SCRATCH);
  });
  afterAll(() => db.close());

  it('reports its dialect', () => {
    expect(db.sql.dialect).toBe(dialect);
  });

  it('binds parameters as values, never as SQL', async () => {
    const hostile = "x'); DROP TABLE scratch; --";
    const [row] = await db.sql.query<{ sum: number; t: string; n: null }>(
      'SELECT $1::int + $2::int AS sum, $3::text AS t, $4::text AS n',
      [2, 3, hostile, null],
    );
    expect(row).toEqual({ sum: 5, t: hostile, n: null });
    expect(await count(db.sql)).toBe(0); // the table is still there
  });

  it('runs several statements with exec', async () => {
    await db.sql.exec(
      "INSERT INTO scratch (id, label) VALUES (100, 'a'); INSERT INTO scratch (id, label) VALUES (101, 'b');",
    );
    expect(await count(db.sql)).toBe(2);
    await db.sql.exec('DELETE FROM scratch');
  });

  it('commits a transaction and returns its result', async () => {
    const out = await db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (id, label) VALUES ($1, $2)', [1, 'one']);
      return 'done';
    });
    expect(out).toBe('done');
    expect(await count(db.sql)).toBe(1);
  });

  it('rolls the whole transaction back when fn throws, and rethrows', async () => {
    const boom = new Error('boom');
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (id, label) VALUES (2, $1)', ['two']);
        await tx.query("UPDATE scratch SET label = 'changed' WHERE id = 1");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count(db.sql)).toBe(1);
    const [row] = await db.sql.query<{ label: string }>('SELECT label FROM scratch WHERE id = 1');
    expect(row?.label).toBe('one');
  });

  it('rolls back after a failing statement', async () => {
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (id) VALUES (3)');
        await tx.query('INSERT INTO scratch (id) VALUES (1)'); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await count(db.sql)).toBe(1);
  });

  it('joins nested transactions to the outer one', async () => {
    await expect(
      db.sql.transaction(async (outer) => {
        await outer.transaction(async (inner) => {
          await inner.query('INSERT INTO scratch (id) VALUES (4)');
          // The inner write is visible to the outer transaction at once.
          expect(await count(outer)).toBe(2);
        });
        throw new Error('outer fails after the inner one finished');
      }),
    ).rejects.toThrow(/outer fails/);
    // The inner block did not commit on its own.
    expect(await count(db.sql)).toBe(1);

    await db.sql.transaction((outer) =>
      outer.transaction((inner) => inner.query('INSERT INTO scratch (id) VALUES (4)')),
    );
    expect(await count(db.sql)).toBe(2);
    await db.sql.query('DELETE FROM scratch WHERE id = 4');
  });

  it('keeps concurrent read-modify-write transactions from losing updates', async () => {
    await db.sql.query("INSERT INTO scratch (id, amount) VALUES (50, '0')");
    // FOR UPDATE is what PostgreSQL needs; on PGlite the port's mutex already serializes.
    const bump = () =>
      db.sql.transaction(async (tx) => {
        const [row] = await tx.query<{ amount: string }>(
          'SELECT amount FROM scratch WHERE id = 50 FOR UPDATE',
        );
        await sleep(5);
        await tx.query('UPDATE scratch SET amount = $1 WHERE id = 50', [Number(row?.amount) + 1]);
      });
    await Promise.all(Array.from({ length: 8 }, bump));
    const [row] = await db.sql.query<{ amount: string }>(
      'SELECT amount FROM scratch WHERE id = 50',
    );
    expect(row?.amount).toBe('8.00');
    await db.sql.query('DELETE FROM scratch WHERE id = 50');
  });

  it('refuses a tx port used after its transaction ended', async () => {
    let leaked: SqlPort | undefined;
    await db.sql.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.query('SELECT 1')).rejects.toThrow(/(transaction has ended|closed)/i);
  });

  it('loads CSV with COPY: quotes, commas, newlines, unicode, NULL vs empty', async () => {
    const csv = [
      '10,plain,1.50,2026-11-12T10:00:00Z,"{a,b}","{""k"": 1}"',
      '11,"comma, and ""quotes""",2.00,,,',
      '12,"two\nlines",,2026-11-12 10:00:00+05:30,{},null',
      '13,"",0.10,,,',
      '14,Żółć ☕,,,,',
    ].join('\n');
    expect(
      await db.sql.copyFrom('scratch', ['id', 'label', 'amount', 'at', 'tags', 'meta'], csv),
    ).toBe(5);
    const rows = await db.sql.query('SELECT * FROM scratch WHERE id >= 10 ORDER BY id');
    expect(rows).toEqual([
      {
        id: 10,
        label: 'plain',
        amount: '1.50',
        at: '2026-11-12T10:00:00.000Z',
        tags: ['a', 'b'],
        meta: { k: 1 },
      },
      { id: 11, label: 'comma, and "quotes"', amount: '2.00', at: null, tags: null, meta: null },
      {
        id: 12,
        label: 'two\nlines',
        amount: null,
        at: '2026-11-12T04:30:00.000Z',
        tags: [],
        meta: null,
      },
      { id: 13, label: '', amount: '0.10', at: null, tags: null, meta: null },
      { id: 14, label: 'Żółć ☕', amount: null, at: null, tags: null, meta: null },
    ]);
    await db.sql.query('DELETE FROM scratch WHERE id >= 10');
  });

  it('loads nothing from a CSV with one bad row, and says which', async () => {
    const before = await count(db.sql);
    await expect(
      db.sql.copyFrom('scratch', ['id', 'label'], '20,ok\nnot-a-number,bad\n'),
    ).rejects.toThrow(/invalid input syntax for type integer: "not-a-number"/);
    expect(await count(db.sql)).toBe(before);
  });

  it('COPY inside a transaction rolls back with it', async () => {
    const before = await count(db.sql);
    await expect(
      db.sql.transaction(async (tx) => {
        expect(await tx.copyFrom('scratch', ['id'], '30\n31\n')).toBe(2);
        expect(await count(tx)).toBe(before + 2);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await count(db.sql)).toBe(before);
  });

  it('refuses table and column names that are not plain identifiers', async () => {
    await expect(db.sql.copyFrom('scratch; DROP TABLE x', ['id'], '1\n')).rejects.toThrow(
      /not a plain table name/,
    );
    await expect(db.sql.copyFrom('scratch', ['id)', 'x'], '1\n')).rejects.toThrow(
      /not a plain column name/,
    );
  });

  it('round-trips any instant as the same ISO string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        async (date) => {
          const iso = date.toISOString();
          const [row] = await db.sql.query<{ at: string }>('SELECT $1::timestamptz AS at', [iso]);
          expect(row?.at).toBe(iso);
          const [fromDate] = await db.sql.query<{ at: string }>('SELECT $1::timestamptz AS at', [
            date,
          ]);
          expect(fromDate?.at).toBe(iso);
        },
      ),
      { numRuns: 40 },
    );
  });

  describe('value shapes', () => {
    it('match the documented table exactly', async () => {
      const [row] = await db.sql.query(SHAPES_SQL);
      expect(row).toStrictEqual(EXPECTED_SHAPES);
      expect(Buffer.isBuffer(row?.bytes)).toBe(false);
    });

    it('are the same inside a transaction', async () => {
      const [row] = await db.sql.transaction((tx) => tx.query(SHAPES_SQL));
      expect(row).toStrictEqual(EXPECTED_SHAPES);
    });

    it('read timestamps in UTC whatever the server default', async () => {
      const [row] = await db.sql.query<{ tz: string }>('SELECT current_setting($1) AS tz', [
        'TimeZone',
      ]);
      expect(row?.tz).toBe('UTC');
    });
  });

  describe.runIf(dialect === 'pglite')('PGlite specifics', () => {
    it('runs concurrent transactions one after another, never interleaved', async () => {
      const log: string[] = [];
      const work = (name: string) =>
        db.sql.transaction(async (tx) => {
          log.push(`${name}:begin`);
          await tx.query('SELECT 1');
          await sleep(10);
          await tx.query('SELECT 1');
          log.push(`${name}:end`);
        });
      await Promise.all([work('a'), work('b'), work('c')]);
      expect(log).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end', 'c:begin', 'c:end']);
    });

    it('never shows a statement outside the transaction its uncommitted writes', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const didInsert = new Promise<void>((resolve) => (inserted = resolve));
      const tx = db.sql.transaction(async (t) => {
        await t.query('INSERT INTO scratch (id) VALUES (900)');
        inserted();
        await held;
        throw new Error('roll back');
      });
      await didInsert;
      const outside = db.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM scratch WHERE id = 900',
      );
      release();
      await expect(tx).rejects.toThrow('roll back');
      expect((await outside)[0]?.n).toBe(0);
    });

    it('reports a root-port call from inside its own transaction instead of hanging', async () => {
      await expect(db.sql.transaction(() => db.sql.query('SELECT 1'))).rejects.toThrow(
        /Use the tx port passed to transaction\(\)/,
      );
      // …and the database is still usable afterwards.
      expect(await db.sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });

  describe.runIf(dialect === 'postgres')('PostgreSQL specifics', () => {
    it('keeps one connection for the whole transaction', async () => {
      const pids = await db.sql.transaction(async (tx) => {
        const seen: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          seen.push(row?.pid ?? -1);
          await tx.transaction(async (inner) => {
            const [r] = await inner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            seen.push(r?.pid ?? -1);
          });
        }
        return seen;
      });
      expect(new Set(pids).size).toBe(1);
    });

    it('prepares a statement with parameters once per connection and reuses it', async () => {
      const text = 'SELECT $1::int + 1 AS next';
      const prepared = await db.sql.transaction(async (tx) => {
        for (let i = 0; i < 3; i += 1) expect(await tx.query(text, [i])).toEqual([{ next: i + 1 }]);
        return tx.query<{ statement: string }>(
          'SELECT statement FROM pg_prepared_statements WHERE statement = $1',
          [text],
        );
      });
      expect(prepared).toEqual([{ statement: text }]);
    });

    it('prepares a statement again when a migration changed its result under it', async () => {
      // Another hub process adds a column while this one holds the statement prepared: the
      // next call outside a transaction still answers, one inside fails once, then works.
      await db.sql.exec('CREATE TABLE stale_plan (id int PRIMARY KEY)');
      await db.sql.query('INSERT INTO stale_plan VALUES ($1)', [1]);
      const text = 'SELECT * FROM stale_plan WHERE id = $1';
      const inTx = 'SELECT *, 1 AS one FROM stale_plan WHERE id = $1';
      for (let i = 0; i < 12; i += 1) {
        expect(await db.sql.query(text, [1])).toEqual([{ id: 1 }]);
        expect(await db.sql.transaction((tx) => tx.query(inTx, [1]))).toEqual([{ id: 1, one: 1 }]);
      }
      await db.sql.exec('ALTER TABLE stale_plan ADD COLUMN note text');
      for (let i = 0; i < 12; i += 1) {
        expect(await db.sql.query(text, [1])).toEqual([{ id: 1, note: null }]);
      }
      let failed = 0;
      for (let i = 0; i < 12; i += 1) {
        try {
          expect(await db.sql.transaction((tx) => tx.query(inTx, [1]))).toEqual([
            { id: 1, note: null, one: 1 },
          ]);
        } catch (error) {
          expect(String(error)).toContain('cached plan must not change result type');
          failed += 1;
        }
      }
      // At most once per pooled connection that held the old statement, then never again.
      expect(failed).toBeLessThanOrEqual(1);
    });

    it('runs transactions concurrently on separate connections', async () => {
      let inside = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 3 }, () =>
          db.sql.transaction(async (tx) => {
            inside += 1;
            most = Math.max(most, inside);
            await tx.query('SELECT pg_sleep(0.05)');
            inside -= 1;
          }),
        ),
      );
      expect(most).toBeGreaterThan(1);
    });
  });
});

describe.skipIf(!postgresAvailable())('PGlite and PostgreSQL side by side', () => {
  it('return identical JS values for the same rows', async () => {
    const [lite, server] = await Promise.all([freshPglite(), freshPostgres()]);
    try {
      const sql = `SELECT version, name, applied_at > now() - interval '1 year' AS recent
                   FROM schema_migrations ORDER BY version`;
      const [a, b] = await Promise.all([lite.sql.query(sql), server.sql.query(sql)]);
      expect(a).toStrictEqual(b);
      const [x, y] = await Promise.all([lite.sql.query(SHAPES_SQL), server.sql.query(SHAPES_SQL)]);
      expect(x).toStrictEqual(y);
    } finally {
      await Promise.all([lite.close(), server.close()]);
    }
  });
});
