import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChunk } from '../../../../../src-shared/services/sync/till/apply-page';
import { rowsToCopyCsv } from '../../../../../src-shared/services/sync/till/copy-rows';
import type { SqlPort } from '../../../../../src-shared/sql/port';
import type { TableChunk } from '../../../../../src-shared/sync/protocol';
import { tableColumns } from '../../../../../src-shared/sync/tables';
import { freshPglite, type TestDb } from '../../../../helpers/db';

const customerChunk = (rows: unknown[][]): TableChunk => ({
  table: 'customers',
  mode: 'upsert',
  columns: [...tableColumns.customers],
  rows,
  parentIds: [],
});

/** A customer row as the hub's feed sends it (json_build_array in the shared column order). */
const customer = (id: string, name: string, email: string | null = null): unknown[] => [
  id,
  null,
  email,
  null,
  null,
  name,
  '2026-01-02T03:04:05.678+05:30',
  3,
  null,
  '2026-01-02T03:04:05+00:00',
];

const readCustomers = (sql: SqlPort) =>
  sql.query<Record<string, unknown>>(
    `SELECT id, user_id, email, mobile, external_id, name, registered_at::text AS registered_at,
            transaction_count, home_store_id, created_at::text AS created_at, hub_xid::text AS hub_xid
       FROM customers ORDER BY id COLLATE "C"`,
  );

/** Rows loaded through COPY, counted to show which path a chunk took. */
let copiedRows = 0;
const apply = (sql: SqlPort, chunk: TableChunk, bulk: boolean) =>
  sql.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const counting: SqlPort = {
      ...tx,
      copyFrom: async (table, columns, csv) => {
        const n = await tx.copyFrom(table, columns, csv);
        copiedRows += n;
        return n;
      },
    };
    await applyChunk(counting, chunk, bulk);
  });

const awkward = [
  'O\'Brien, "Jr."',
  'line one\nline two\r\nthree',
  'Zoë 山田 — Ærøskøbing 🎉',
  '',
  '\\.',
  ',',
  '"',
  ' padded ',
  'NULL',
  '\\N',
  'tab\there',
];

describe('till first pull: COPY of pulled rows', () => {
  let copied: TestDb;
  let upserted: TestDb;
  beforeAll(async () => {
    [copied, upserted] = await Promise.all([freshPglite(), freshPglite()]);
  });
  afterAll(async () => {
    await copied?.close();
    await upserted?.close();
  });

  it('loads exactly the rows the hub sent: NULLs, empty strings, quotes, commas, line breaks, non-ASCII', async () => {
    const rows = awkward.map((name, i) =>
      customer(`c-${String(i).padStart(2, '0')}`, name, i % 2 === 0 ? null : `p${i}@x.example`),
    );
    copiedRows = 0;
    await apply(copied.sql, customerChunk(rows), true);
    expect(copiedRows).toBe(awkward.length);
    await apply(upserted.sql, customerChunk(rows), false);
    expect(copiedRows).toBe(awkward.length);
    const got = await readCustomers(copied.sql);
    expect(got.map((r) => r['name'])).toEqual(awkward);
    expect(got.map((r) => r['email'])).toEqual(
      awkward.map((_, i) => (i % 2 === 0 ? null : `p${i}@x.example`)),
    );
    expect(got.every((r) => r['hub_xid'] === '0' && r['user_id'] === null)).toBe(true);
    expect(got.map((r) => r['transaction_count'])).toEqual(awkward.map(() => 3));
    // Same rows, same values as the upsert path the till uses for later pulls.
    expect(got).toEqual(await readCustomers(upserted.sql));
    await copied.sql.query('DELETE FROM customers');
    await upserted.sql.query('DELETE FROM customers');
  });

  it('a row that is already there falls back to the upsert: the hub’s version wins, nothing doubles', async () => {
    await apply(copied.sql, customerChunk([customer('dup-1', 'old name')]), true);
    await apply(
      copied.sql,
      customerChunk([customer('dup-0', 'new one'), customer('dup-1', 'renamed')]),
      true,
    );
    const got = await readCustomers(copied.sql);
    expect(got.map((r) => [r['id'], r['name']])).toEqual([
      ['dup-0', 'new one'],
      ['dup-1', 'renamed'],
    ]);
    await copied.sql.query('DELETE FROM customers');
  });

  it('coupons keep NULL customers, timestamps and booleans as sent', async () => {
    const coupon = (id: string, customerId: string | null, reversed: boolean): unknown[] => [
      id,
      'offer-x',
      `CODE,"${id}"`,
      true,
      customerId,
      'ACTIVE',
      customerId ? '2026-03-01T10:00:00+00:00' : null,
      null,
      2,
      null,
      reversed,
      '2026-03-01T10:00:00.5+00:00',
      null,
      '2026-03-01T09:00:00+00:00',
    ];
    const chunk: TableChunk = {
      table: 'coupons',
      mode: 'upsert',
      columns: [...tableColumns.coupons],
      rows: [coupon('k1', null, false), coupon('k2', 'cust-9', true)],
      parentIds: [],
    };
    await apply(copied.sql, chunk, true);
    const got = await copied.sql.query<Record<string, unknown>>(
      `SELECT id, code, customer_id, issued_at IS NULL AS no_issue, is_reversed, redemption_count,
              extract(epoch FROM last_status_change_on)::text AS changed, hub_xid::text AS hub_xid
         FROM coupons ORDER BY id`,
    );
    expect(got).toEqual([
      {
        id: 'k1',
        code: 'CODE,"k1"',
        customer_id: null,
        no_issue: true,
        is_reversed: false,
        redemption_count: 2,
        changed: '1772359200.500000',
        hub_xid: '0',
      },
      {
        id: 'k2',
        code: 'CODE,"k2"',
        customer_id: 'cust-9',
        no_issue: false,
        is_reversed: true,
        redemption_count: 2,
        changed: '1772359200.500000',
        hub_xid: '0',
      },
    ]);
    await copied.sql.query('DELETE FROM coupons');
  });

  it('any text survives the COPY path the same as the upsert path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.string({ unit: 'binary', maxLength: 30 }),
            email: fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        async (people) => {
          // PostgreSQL text holds no NUL character, whatever the path.
          const rows = people.map((p, i) =>
            customer(`f-${i}`, p.name.replace(/\0/g, ''), p.email?.replace(/\0/g, '') ?? null),
          );
          const unique = rows.filter(
            (r, i) => r[2] === null || rows.findIndex((o) => o[2] === r[2]) === i,
          );
          await apply(copied.sql, customerChunk(unique), true);
          await apply(upserted.sql, customerChunk(unique), false);
          const a = await readCustomers(copied.sql);
          expect(a.map((r) => r['name'])).toEqual(
            [...unique].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)).map((r) => r[5]),
          );
          expect(a).toEqual(await readCustomers(upserted.sql));
          await copied.sql.query('DELETE FROM customers');
          await upserted.sql.query('DELETE FROM customers');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a row of the wrong width and numbers that are not numbers', () => {
    expect(() => rowsToCopyCsv([['a', 'b']], 3)).toThrow(/2 values, expected 3/);
    expect(() => rowsToCopyCsv([[Number.NaN]], 1)).toThrow(/NaN/);
    expect(rowsToCopyCsv([[null, '', 'a,b', 1, true, { k: 1 }]], 6)).toBe(
      ',"","a,b",1,t,"{""k"":1}",0\n',
    );
  });
});
