import type { SqlPort } from '#shared/sql/port';
import { CopyBuffer } from './copy-csv';

/**
 * One problem with one CSV row. `row` is the row's number in the file counting the header as
 * row 1 (so the first data row is 2: the line number a spreadsheet shows, for files without
 * line breaks inside quoted cells); `identifier` is the customer identifier or code as given;
 * `field` the CSV column at fault; `code` a stable reason code; `message` what is wrong and
 * how to fix it.
 */
export type RowIssue = {
  row: number;
  identifier: string;
  field: string;
  code: string;
  message: string;
};

const issueColumns = ['upload_id', 'row_no', 'identifier', 'field', 'code', 'message'] as const;

/** Writes a batch's issues with COPY; a row reports each reason code once. */
export async function writeIssues(
  sql: SqlPort,
  uploadId: string,
  issues: readonly RowIssue[],
): Promise<void> {
  if (issues.length === 0) return;
  const seen = new Set<string>();
  const buffer = new CopyBuffer();
  for (const i of issues) {
    const key = `${i.row}\u0000${i.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    buffer.add([uploadId, i.row, i.identifier, i.field, i.code, i.message]);
  }
  await sql.copyFrom('upload_issues', issueColumns, buffer.text());
}
