import { afterEach, describe, expect, it } from 'vitest';
import { openPglite, type PgliteDb } from '#server/platform/db/pglite-port';
import { sharedPgliteAssets } from '../../../helpers/db';

/** The PGlite port's prepared-statement path (src-server/platform/db/pglite-statements.ts). */
describe('PGlite port: prepared statements', () => {
  let db: PgliteDb | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });
  const open = async (): Promise<PgliteDb> => {
    db = await openPglite({ memory: true, assets: await sharedPgliteAssets() });
    await db.exec('CREATE TABLE t (id text PRIMARY KEY, n integer NOT NULL, tags text[])');
    return db;
  };

  it('runs one text with different parameters, arrays and nulls included', async () => {
    const sql = await open();
    const insert = 'INSERT INTO t (id, n, tags) VALUES ($1, $2, $3) RETURNING id, n, tags';
    expect(await sql.query(insert, ['a', 1, ['x', 'y']])).toEqual([
      { id: 'a', n: 1, tags: ['x', 'y'] },
    ]);
    expect(await sql.query(insert, ['b', 2, null])).toEqual([{ id: 'b', n: 2, tags: null }]);
    const read = 'SELECT id FROM t WHERE id = ANY($1::text[]) ORDER BY id';
    expect(await sql.query(read, [['a', 'b', 'c']])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await sql.query(read, [['b']])).toEqual([{ id: 'b' }]);
  });

  it('a failing call leaves the statement and the connection usable', async () => {
    const sql = await open();
    const insert = 'INSERT INTO t (id, n) VALUES ($1, $2)';
    await sql.query(insert, ['a', 1]);
    await expect(sql.query(insert, ['a', 2])).rejects.toMatchObject({ code: '23505' });
    await sql.query(insert, ['b', 2]);
    // Inside a transaction the failure rolls the whole transaction back.
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(insert, ['c', 3]);
        await tx.query(insert, ['a', 9]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await sql.query('SELECT id FROM t ORDER BY id', [])).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('re-prepares a statement whose result columns changed under it', async () => {
    const sql = await open();
    const read = 'SELECT * FROM t WHERE id = $1';
    await sql.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['a', 1]);
    expect(await sql.query(read, ['a'])).toEqual([{ id: 'a', n: 1, tags: null }]);
    await sql.exec("ALTER TABLE t ADD COLUMN note text NOT NULL DEFAULT 'hi'");
    expect(await sql.query(read, ['a'])).toEqual([{ id: 'a', n: 1, tags: null, note: 'hi' }]);
  });

  it('refuses a tx port used after its transaction ended', async () => {
    const sql = await open();
    let leaked: Parameters<Parameters<PgliteDb['transaction']>[0]>[0] | null = null;
    await sql.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1', [])).rejects.toThrow(/transaction has ended/);
  });

  it('a first statement that fails (BEGIN sent with it) leaves no transaction open', async () => {
    const sql = await open();
    await expect(
      sql.transaction((tx) => tx.query('SELECT * FROM missing_table WHERE id = $1', ['a'])),
    ).rejects.toMatchObject({ code: '42P01' });
    // Were BEGIN still open, this insert would be rolled back with it below.
    await sql.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['a', 1]);
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['b', 2]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await sql.query('SELECT id FROM t ORDER BY id', [])).toEqual([{ id: 'a' }]);
  });

  it('a transaction that swallowed a failed statement is rolled back at COMMIT, loudly', async () => {
    const sql = await open();
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['a', 1]);
        await tx.query('INSERT INTO t (id, n) VALUES ($1, $2)', ['a', 2]).catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled the transaction back at COMMIT/);
    expect(await sql.query('SELECT id FROM t', [])).toEqual([]);
  });

  it('exec and copyFrom inside a transaction commit and roll back with it', async () => {
    const sql = await open();
    expect(await sql.transaction(async () => 'nothing ran')).toBe('nothing ran');
    await sql.transaction(async (tx) => {
      await tx.exec("INSERT INTO t (id, n) VALUES ('e', 1)");
      await tx.copyFrom('t', ['id', 'n'], 'c1,1\nc2,2\n');
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.exec("INSERT INTO t (id, n) VALUES ('x', 1)");
        await tx.copyFrom('t', ['id', 'n'], 'y,1\n');
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await sql.query('SELECT id FROM t ORDER BY id', [])).toEqual([
      { id: 'c1' },
      { id: 'c2' },
      { id: 'e' },
    ]);
  });
});
