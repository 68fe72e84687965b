import type { Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { findCustomerIdsByIdentifiers, identifierLabel } from '../customers/index';
import { cell } from './csv-columns';
import { isEmptyRow } from './csv-stream';
import type { RowIssue } from './issue-log';
import {
  checkCodeCell,
  checkIdentifierCell,
  checkIssuedAtCell,
  customerNotFound,
  emptyRowReason,
} from './row-checks';
import type { DataRow, UploadJob } from './upload-job';

export type Candidate = {
  row: number;
  raw: string;
  value: string;
  code: string | null;
  issuedAt: string | null;
  /** The customer's id, once found. */
  customerId: string | null;
  /** Existing coupon of the offer this row's code names (uploaded, unissued or transferable). */
  assignTo: { id: string; previousCustomerId: string | null; revoked: boolean } | null;
  failed: boolean;
};

export type PreparedIssueBatch = {
  kind: 'issue';
  rows: readonly DataRow[];
  candidates: Candidate[];
  issues: RowIssue[];
};

/** Records a row's reasons in the batch's issues (field defaults to the identifier column). */
export function failRow(
  issues: RowIssue[],
  idKind: string,
  c: Candidate,
  reasons: readonly Reason[],
): void {
  c.failed = true;
  for (const r of reasons) {
    issues.push({
      row: c.row,
      identifier: c.raw,
      field: r.field ?? idKind,
      code: r.code,
      message: r.message,
    });
  }
}

/**
 * The first stage of a CUSTOMERS or CODES_WITH_CUSTOMERS batch, outside its transaction (on
 * PostgreSQL it runs while the previous batch commits): cells checked in file order, customers
 * looked up in one statement. Nothing here reads issuance state, so running it before the
 * previous batch has committed changes no decision.
 */
export async function prepareIssueBatch(
  sql: SqlPort,
  job: UploadJob,
  rows: readonly DataRow[],
): Promise<PreparedIssueBatch> {
  const nowMs = job.now().getTime();
  const id = job.columns.identifier as NonNullable<UploadJob['columns']['identifier']>;
  const issues: RowIssue[] = [];
  const candidates: Candidate[] = new Array<Candidate>(rows.length);
  const wanted: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as DataRow;
    const raw = cell(r.cells, id.index);
    const c: Candidate = {
      row: r.row,
      raw,
      value: '',
      code: null,
      issuedAt: null,
      customerId: null,
      assignTo: null,
      failed: false,
    };
    candidates[i] = c;
    if (isEmptyRow(r.cells)) {
      failRow(issues, id.kind, c, [emptyRowReason(identifierLabel[id.kind], id.kind)]);
      continue;
    }
    const ident = checkIdentifierCell(id.kind, raw);
    const reasons: Reason[] = 'reasons' in ident ? [...ident.reasons] : [];
    if (!('reasons' in ident)) c.value = ident.value;
    const issuedRaw = cell(r.cells, job.columns.issuedAt);
    if (issuedRaw !== '') {
      const checked = checkIssuedAtCell(issuedRaw, job.timeZone, nowMs);
      if ('reasons' in checked) reasons.push(...checked.reasons);
      else c.issuedAt = checked.value;
    }
    if (job.columns.code !== null) {
      const checked = checkCodeCell(cell(r.cells, job.columns.code), r.row, job.seenCodes);
      if ('reasons' in checked) reasons.push(...checked.reasons);
      else c.code = checked.value;
    }
    if (reasons.length > 0) failRow(issues, id.kind, c, reasons);
    else wanted.push(c.value);
  }
  const customers = await findCustomerIdsByIdentifiers(sql, id.kind, wanted);
  for (const c of candidates) {
    if (c.failed) continue;
    c.customerId = customers.get(c.value) ?? null;
    if (c.customerId === null) failRow(issues, id.kind, c, [customerNotFound(id.kind, c.raw)]);
  }
  return { kind: 'issue', rows, candidates, issues };
}
