import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferIndexes, restoreIndexes } from '#shared/services/sync/till/bulk-indexes';
import type { SqlPort } from '#shared/sql/port';
import { freshPglite, type TestDb } from '../../../../helpers/db';

const indexesOf = (sql: SqlPort) =>
  sql.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE tablename IN ('customers', 'coupons', 'redemptions') ORDER BY indexname`,
  );
const uniqueConstraintsOf = (sql: SqlPort) =>
  sql.query<{ name: string }>(
    `SELECT conname AS name FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'u' AND t.relname = 'customers' ORDER BY conname`,
  );
const addCustomer = (sql: SqlPort, id: string, email: string) =>
  sql.query(
    `INSERT INTO customers (id, email, registered_at) VALUES ($1, $2, '2026-01-01T00:00:00Z')`,
    [id, email],
  );

describe('till first pull: deferred indexes and unique constraints', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('drops every secondary index and customers’ unique constraints, keeps primary keys, and builds the same ones back', async () => {
    const before = await indexesOf(db.sql);
    const constraints = await uniqueConstraintsOf(db.sql);
    expect(constraints.map((c) => c.name)).toContain('customers_email_key');
    const deferred = await deferIndexes(db.sql);
    const during = await indexesOf(db.sql);
    expect(during.map((i) => i.name).sort()).toEqual(
      ['coupons_pkey', 'customers_pkey', 'redemptions_pkey'].sort(),
    );
    expect(deferred).toBe(before.length - during.length);
    expect(await uniqueConstraintsOf(db.sql)).toEqual([]);
    // While deferred, duplicates are not refused (the hub's rows are trusted)…
    await addCustomer(db.sql, 'a', 'same@x.example');
    await addCustomer(db.sql, 'b', 'same@x.example');
    await db.sql.query(`UPDATE customers SET email = NULL`);
    const { built, stillDeferred } = await restoreIndexes(db.sql);
    expect(stillDeferred).toEqual([]);
    expect(built).toBe(deferred);
    expect(await indexesOf(db.sql)).toEqual(before);
    expect(await uniqueConstraintsOf(db.sql)).toEqual(constraints);
    expect(await db.sql.query('SELECT * FROM till_deferred_indexes')).toEqual([]);
    // …and once restored the constraint is a constraint again.
    await addCustomer(db.sql, 'c', 'same@x.example');
    await expect(addCustomer(db.sql, 'd', 'same@x.example')).rejects.toMatchObject({
      code: '23505',
    });
    await db.sql.query('DELETE FROM customers');
  });

  it('a unique constraint the rows break for now stays deferred; the rest are built, and it follows once the rows agree', async () => {
    const before = await indexesOf(db.sql);
    await deferIndexes(db.sql);
    await addCustomer(db.sql, 'a', 'taken@x.example');
    await addCustomer(db.sql, 'b', 'taken@x.example');
    const first = await restoreIndexes(db.sql);
    expect(first.stillDeferred).toEqual(['customers_email_key']);
    const names = (await indexesOf(db.sql)).map((i) => i.name);
    expect(names).not.toContain('customers_email_key');
    expect(names).toContain('customers_mobile_key');
    expect(names).toContain('coupons_customer');
    expect(
      (await db.sql.query<{ name: string }>('SELECT name FROM till_deferred_indexes')).map(
        (r) => r.name,
      ),
    ).toEqual(['customers_email_key']);
    // The next page moves the email on (as the hub's later rows would).
    await db.sql.query(`UPDATE customers SET email = 'moved@x.example' WHERE id = 'a'`);
    const second = await restoreIndexes(db.sql);
    expect(second).toEqual({ built: 1, stillDeferred: [] });
    expect(await indexesOf(db.sql)).toEqual(before);
    await db.sql.query('DELETE FROM customers');
  });
});
