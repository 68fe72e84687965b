import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChunk } from '#shared/services/sync/till/apply-chunk';
import { timestampMicros } from '#shared/services/sync/till/copy-binary';
import { rowsToCopyCsv } from '#shared/services/sync/till/copy-rows';
import type { SqlPort } from '#shared/sql/port';
import type { TableChunk } from '#shared/sync/protocol';
import { tableColumns } from '#shared/sync/tables';
import { freshPglite, type TestDb } from '../../../../helpers/db';

const customerChunk = (rows: unknown[][]): TableChunk => ({
  table: 'customers',
  mode: 'upsert',
  columns: [...tableColumns.customers],
  rows,
  parentIds: [],
});

/** A customer row as the hub's feed sends it (json_build_array in the shared column order). */
const customer = (
  id: string,
  name: string,
  email: string | null = null,
  registeredAt = '2026-01-02T03:04:05.678+05:30',
): unknown[] => [
  id,
  null,
  email,
  null,
  null,
  name,
  registeredAt,
  3,
  null,
  '2026-01-02T03:04:05+00:00',
];

/** A timestamptz as the hub's JSON writes it: microseconds (trailing zeros dropped) and an offset. */
const isoTimestamp = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }),
    micros: fc.integer({ min: 0, max: 999 }),
    offset: fc.constantFrom(0, 330, -480, 345, -210, 840),
  })
  .map(({ ms, micros, offset }) => {
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
    const fraction = `${local.slice(20)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
    const abs = Math.abs(offset);
    const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${local.slice(0, 19)}${fraction ? `.${fraction}` : ''}${zone}`;
  });

const readCustomers = (sql: SqlPort) =>
  sql.query<Record<string, unknown>>(
    `SELECT id, user_id, email, mobile, external_id, name, registered_at::text AS registered_at,
            transaction_count, home_store_id, created_at::text AS created_at, hub_xid::text AS hub_xid
       FROM customers ORDER BY id COLLATE "C"`,
  );

/** Rows loaded through COPY, by format, to show which path a chunk took. */
const loaded = { csv: 0, binary: 0 };
/** Applies a chunk as the till's page does; `csvOnly` hides the port's binary COPY. */
const apply = (sql: SqlPort, chunk: TableChunk, bulk: boolean, csvOnly = false) =>
  sql.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const binary = tx.copyFromBinary?.bind(tx);
    const counting: SqlPort = {
      dialect: tx.dialect,
      query: (text, params) => tx.query(text, params),
      exec: (text) => tx.exec(text),
      transaction: (fn) => tx.transaction(fn),
      copyFrom: async (table, columns, csv) => {
        const n = await tx.copyFrom(table, columns, csv);
        loaded.csv += n;
        return n;
      },
      ...(binary && !csvOnly
        ? {
            copyFromBinary: async (table: string, columns: readonly string[], data: Uint8Array) => {
              const n = await binary(table, columns, data);
              loaded.binary += n;
              return n;
            },
          }
        : {}),
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

  it.each([
    ['binary', false],
    ['csv', true],
  ] as const)(
    '%s COPY loads exactly the rows the hub sent: NULLs, empty strings, quotes, commas, line breaks, non-ASCII',
    async (format, csvOnly) => {
      const rows = awkward.map((name, i) =>
        customer(`c-${String(i).padStart(2, '0')}`, name, i % 2 === 0 ? null : `p${i}@x.example`),
      );
      loaded.csv = 0;
      loaded.binary = 0;
      await apply(copied.sql, customerChunk(rows), true, csvOnly);
      expect(loaded[format]).toBe(awkward.length);
      await apply(upserted.sql, customerChunk(rows), false);
      expect(loaded.csv + loaded.binary).toBe(awkward.length);
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
    },
  );

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

  it.each([
    ['binary', false],
    ['csv', true],
  ] as const)(
    'any text and time survive the %s COPY path the same as the upsert path',
    async (_format, csvOnly) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              name: fc.string({ unit: 'binary', maxLength: 30 }),
              email: fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: null }),
              at: isoTimestamp,
            }),
            { minLength: 1, maxLength: 20 },
          ),
          async (people) => {
            // PostgreSQL text holds no NUL character, whatever the path.
            const rows = people.map((p, i) =>
              customer(
                `f-${i}`,
                p.name.replace(/\0/g, ''),
                p.email?.replace(/\0/g, '') ?? null,
                p.at,
              ),
            );
            const unique = rows.filter(
              (r, i) => r[2] === null || rows.findIndex((o) => o[2] === r[2]) === i,
            );
            await apply(copied.sql, customerChunk(unique), true, csvOnly);
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
    },
  );

  it('a value binary COPY cannot encode (infinity) sends the chunk as CSV, loaded all the same', async () => {
    loaded.csv = 0;
    loaded.binary = 0;
    await apply(copied.sql, customerChunk([customer('inf-1', 'Forever', null, 'infinity')]), true);
    expect(loaded).toEqual({ csv: 1, binary: 0 });
    const got = await copied.sql.query<{ r: string }>(
      `SELECT registered_at::text AS r FROM customers WHERE id = 'inf-1'`,
    );
    expect(got).toEqual([{ r: 'infinity' }]);
    await copied.sql.query('DELETE FROM customers');
  });

  it('reads the hub’s timestamps to the microsecond, and nothing else', () => {
    fc.assert(
      fc.property(isoTimestamp, (text) => {
        const micros = timestampMicros(text);
        const ms = Date.parse(text) - Date.UTC(2000, 0, 1);
        expect(micros).not.toBeNull();
        expect(Math.floor((micros as number) / 1000)).toBe(ms);
      }),
    );
    expect(timestampMicros('2000-01-01T00:00:00.000001+00:00')).toBe(1);
    expect(timestampMicros('1999-12-31T23:59:59Z')).toBe(-1_000_000);
    for (const bad of [
      'infinity',
      '2026-01-02',
      '26-01-02T03:04:05+00',
      '2026-01-02T03:04:05.x+00',
      '2026-01-02T03:04:05+0a',
    ])
      expect(timestampMicros(bad)).toBeNull();
  });

  it('refuses a row of the wrong width and numbers that are not numbers', () => {
    expect(() => rowsToCopyCsv([['a', 'b']], 3)).toThrow(/2 values, expected 3/);
    expect(() => rowsToCopyCsv([[Number.NaN]], 1)).toThrow(/NaN/);
    expect(rowsToCopyCsv([[null, '', 'a,b', 1, true, { k: 1 }]], 6)).toBe(
      ',"","a,b",1,t,"{""k"":1}",0\n',
    );
  });
});
