import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyBuffer } from '#shared/services/uploads/copy-csv';
import { copyNewCoupons, type NewCouponRow } from '#shared/services/uploads/coupon-writes';
import type { SqlPort } from '#shared/sql/port';

/** A port that keeps what COPY was given. */
function capturing(): {
  port: SqlPort;
  copies: { table: string; columns: readonly string[]; csv: string }[];
} {
  const copies: { table: string; columns: readonly string[]; csv: string }[] = [];
  const port: SqlPort = {
    dialect: 'postgres',
    query: () => Promise.resolve([]),
    exec: () => Promise.resolve(),
    transaction: (fn) => fn(port),
    copyFrom: (table, columns, csv) => {
      copies.push({ table, columns, csv });
      return Promise.resolve(csv.split('\n').length - 1);
    },
  };
  return { port, copies };
}

const instant = fc
  .integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 })
  .map((ms) => new Date(ms).toISOString());
const row: fc.Arbitrary<NewCouponRow> = fc.record({
  // Commas and quotes, not line breaks: the test splits the text into lines to read the ids.
  code: fc.oneof(
    fc.stringMatching(/^[A-Z0-9]{1,12}$/),
    fc.string({ maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    fc.constantFrom('A,B', '"Q"', ''),
  ),
  unique: fc.boolean(),
  customerId: fc.option(fc.uuid(), { nil: null }),
  issuedAt: fc.option(instant, { nil: null }),
  expiresAt: fc.option(instant, { nil: null }),
});

describe('copyNewCoupons', () => {
  it('writes the same COPY text as a CopyBuffer of every column would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('offer-1', 'offer,"2"'),
        async (rows, offerId) => {
          const at = '2025-03-10T06:30:00.000Z';
          const { port, copies } = capturing();
          await copyNewCoupons(port, { offerId, uploadId: 'up-1', at, rows, redraw: null });
          expect(copies).toHaveLength(1);
          const copy = copies[0] as (typeof copies)[number];
          expect(copy.table).toBe('coupons');
          // Ids are random: take them from the text, check everything else.
          const ids = copy.csv
            .split('\n')
            .slice(0, -1)
            .map((line) => line.split(',')[0]);
          const expected = new CopyBuffer();
          rows.forEach((r, i) =>
            expected.add([
              ids[i] as string,
              offerId,
              r.code,
              r.unique,
              r.customerId,
              'ACTIVE',
              r.issuedAt,
              r.expiresAt,
              at,
              'up-1',
              at,
            ]),
          );
          expect(copy.csv).toBe(expected.text());
          expect(new Set(ids).size).toBe(rows.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
