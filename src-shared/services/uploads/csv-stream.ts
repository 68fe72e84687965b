import Papa from 'papaparse';
import { neutraliseCsvCell, neutraliseCsvText } from '../../domain/csv-cell';

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
 * blank lines come through as [''] so callers can keep counting lines.
 */
export function forEachCsvChunk(
  text: string,
  onRows: (rows: string[][]) => Promise<void>,
  chunkChars = CSV_CHUNK_CHARS,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: false,
      dynamicTyping: false,
      chunkSize: chunkChars,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        parser.pause();
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

/** Whether a parsed row is a blank line (no cells, or one empty cell). */
export function isBlankRow(row: readonly string[]): boolean {
  return row.length === 0 || (row.length === 1 && (row[0] ?? '').trim() === '');
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
