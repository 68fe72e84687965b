import Papa from 'papaparse';
import { neutraliseCsvCell, neutraliseCsvText } from '#shared/domain/csv-cell';

/**
 * Characters parsed per step (256 KiB, some 20 k short rows): small enough to keep memory flat
 * on a million-row file, and a step is short enough that the batch in flight is not kept
 * waiting for Node while it parses.
 */
export const CSV_CHUNK_CHARS = 1 << 18;

/**
 * Streams a CSV held in a string through papaparse chunk by chunk, awaiting `onRows` for each
 * chunk before parsing the next (pause/resume), so database work per chunk applies
 * back-pressure and at most one chunk's rows are alive at a time. Rows are arrays of cells;
 * empty lines come through as rows of no cells (markEmptyLines) so callers can keep counting
 * lines, while a line holding only `""` or spaces is a row like any other.
 */
export function forEachCsvChunk(
  text: string,
  onRows: (rows: string[][]) => Promise<void>,
  chunkChars = CSV_CHUNK_CHARS,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    let from = 0;
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: false,
      dynamicTyping: false,
      chunkSize: chunkChars,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        parser.pause();
        const to = results.meta.cursor;
        markEmptyLines(text.slice(from, to), results.data);
        from = to;
        onRows(results.data).then(
          () => parser.resume(),
          (error: unknown) => {
            failed = true;
            reject(error);
            parser.abort();
          },
        );
      },
      complete() {
        if (!failed) resolve();
      },
      error(error: Error) {
        failed = true;
        reject(error);
      },
    });
  });
}

const oneEmptyCell = (row: readonly string[]): boolean => row.length === 1 && row[0] === '';

/**
 * Papaparse reads an empty line and a line holding only `""` alike, as one empty cell. The
 * first is nothing (a trailing newline, a gap between rows); the second is a row someone wrote,
 * which must be checked and reported, not skipped. `rows` are the rows parsed from `text`
 * (the whole file, or one chunk of it ending at a row boundary): where some row is one empty
 * cell, the text is read again row by row with each row's end position, and every row whose
 * own text is only a line break becomes a row of no cells. Other texts cost nothing.
 */
export function markEmptyLines(text: string, rows: string[][]): void {
  if (!rows.some(oneEmptyCell)) return;
  const ends: number[] = [];
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    step: (r: Papa.ParseStepResult<string[]>) => void ends.push(r.meta.cursor),
  });
  // Read alone, a chunk ending in a line break yields one more (empty) row at its end.
  if (ends.length < rows.length || ends.length > rows.length + 1) {
    throw new Error(`CSV re-read found ${ends.length} rows where the parse found ${rows.length}`);
  }
  let start = 0;
  rows.forEach((row, i) => {
    const end = ends[i] as number;
    if (oneEmptyCell(row) && /^[\r\n]*$/.test(text.slice(start, end))) rows[i] = [];
    start = end;
  });
}

/** Whether a parsed row is an empty line (no cells: see markEmptyLines). */
export function isBlankRow(row: readonly string[]): boolean {
  return row.length === 0;
}

/**
 * A row written but holding nothing: every cell empty or spaces (a lone `""`, blanks). It is
 * counted and reported as a row error, never silently skipped.
 */
export function isEmptyRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/**
 * Renders rows as CSV text (papaparse quoting), header first, every cell neutralised against
 * spreadsheet formula injection (neutraliseCsvCell).
 */
export function toCsv(fields: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return Papa.unparse(
    { fields: fields.map(neutraliseCsvText), data: rows.map((r) => r.map(neutraliseCsvCell)) },
    { newline: '\n' },
  );
}
