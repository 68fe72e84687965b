import { describe, expect, it } from 'vitest';
import { forEachCsvChunk, isBlankRow, isEmptyRow } from '#shared/services/uploads/csv-stream';

const rowsOf = async (text: string, chunkChars?: number): Promise<string[][]> => {
  const out: string[][] = [];
  await forEachCsvChunk(
    text,
    async (rows) => {
      out.push(...rows);
    },
    chunkChars,
  );
  return out;
};

/** Files and their rows: an empty line is a row of no cells; `""` or spaces is a row. */
const cases: { name: string; text: string; rows: string[][]; anyChunk?: false }[] = [
  {
    name: 'empty lines between and after rows',
    text: 'userId\n1\n\n2\n',
    rows: [['userId'], ['1'], [], ['2'], []],
  },
  {
    name: 'a lone quoted empty cell',
    text: 'userId\n1\n""\n2\n',
    rows: [['userId'], ['1'], [''], ['2'], []],
  },
  {
    name: 'spaces only, and a quoted empty cell last without a line break',
    text: 'userId\n   \n1\n""',
    rows: [['userId'], ['   '], ['1'], ['']],
  },
  {
    name: 'CRLF line breaks',
    text: 'userId\r\n""\r\n\r\n1\r\n',
    rows: [['userId'], [''], [], ['1'], []],
    // Papaparse itself misreads a chunk boundary between \r and \n (a row starting "\n").
    anyChunk: false,
  },
  {
    name: 'an empty line inside a quoted cell is part of the cell',
    text: 'userId,note\n1,"a\n\nb"\n\n""\n',
    rows: [['userId', 'note'], ['1', 'a\n\nb'], [], [''], []],
  },
];

describe('forEachCsvChunk: empty lines versus rows holding nothing', () => {
  it.each(cases)('$name, whatever the chunk size', async ({ text, rows, anyChunk }) => {
    expect(await rowsOf(text)).toEqual(rows);
    if (anyChunk === false) return;
    // From 9: papaparse guesses the line break from the first chunk, which must hold one.
    for (let size = 9; size <= text.length + 1; size++) {
      expect(await rowsOf(text, size), `chunks of ${size}`).toEqual(rows);
    }
  });

  it.each([
    [[], true, true],
    [[''], false, true],
    [['   '], false, true],
    [['', ' '], false, true],
    [['1'], false, false],
    [['', '1'], false, false],
  ])('%j: empty line %s, holds nothing %s', (row, blank, empty) => {
    expect(isBlankRow(row)).toBe(blank);
    expect(isEmptyRow(row)).toBe(empty);
  });
});
