import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, neutraliseCsvText } from '#shared/domain/csv-cell';
import { toCsv } from '#shared/services/uploads/csv-stream';

describe('CSV cells are neutralised against formula injection (OWASP)', () => {
  it('prefixes a quote to text beginning with = + - @ tab or carriage return', () => {
    for (const text of ['=1+1', '+1', '-5.00', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseCsvText(text)).toBe(`'${text}`);
    }
    for (const text of ['', 'ana@example.com', '5.00', ' =1', "'=1", 'a=b']) {
      expect(neutraliseCsvText(text)).toBe(text);
    }
  });

  it('leaves numbers, booleans and null alone: they cannot hold a formula', () => {
    expect([-5, 3, true, null].map(neutraliseCsvCell)).toEqual([-5, 3, true, null]);
  });

  it('toCsv writes no cell that a spreadsheet would run, and keeps the text readable', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 })), (rows) => {
        const text = toCsv(['a', 'b'], rows);
        const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false }).data.slice(1);
        for (const [i, row] of rows.entries()) {
          for (const [j, cell] of row.entries()) {
            const written = parsed[i]?.[j] ?? '';
            expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
            expect(written === cell || written === `'${cell}`).toBe(true);
          }
        }
      }),
    );
  });
});
