import { DateTime } from 'luxon';
import type { Customer, CustomerPatch, IdentifierKind } from '#shared/domain/customer';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import {
  changeConflicts,
  type CustomerChange,
  customerColumns,
  customerFromRow,
  type CustomerRow,
  findCustomersByIdentifiers,
  futureRegistrationReason,
  identifierLabel,
  writeChanges,
} from '../customers/index';
import { audit } from '../shared/audit';
import { readUpdateColumns, type UpdateColumns } from './customer-update-columns';
import { cell } from './csv-columns';
import { writeIssues, type RowIssue } from './issue-log';
import { checkIdentifierCell, customerNotFound } from './row-checks';
import { UploadFailure, type BatchPlan, type DataRow } from './upload-stream';

/**
 * CSV of customer updates: the first identifier column names the customer, the other columns
 * say what to change (an empty cell changes nothing). Each row that cannot go in is reported
 * with its row number, the column and the fix; the others are written.
 */

type Job = { uploadId: string; timeZone: string; actor: string; now: () => Date };
type Parsed = { row: number; key: string; patch: CustomerPatch };
type Prepared = {
  rows: readonly DataRow[];
  parsed: (Parsed & { customer: Customer })[];
  issues: RowIssue[];
};

const MAX_COUNT = 2_147_483_647;

function registeredAtCell(raw: string, timeZone: string, nowMs: number): string | Reason {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(raw)
    ? DateTime.fromISO(raw, { zone: timeZone })
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw)
      ? DateTime.fromISO(raw, { setZone: true })
      : DateTime.invalid('no offset');
  if (!d.isValid) {
    return reason(
      'INVALID_REGISTERED_AT',
      `registeredAt "${raw}" is not a date such as 2024-11-12, or a date-time with offset such as 2024-11-12T10:00:00+05:30`,
      'registeredAt',
    );
  }
  return futureRegistrationReason(raw, d.toMillis(), nowMs) ?? (d.toUTC().toISO() as string);
}

function transactionCountCell(raw: string): number | Reason {
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n <= MAX_COUNT) return n;
  return reason(
    'INVALID_TRANSACTION_COUNT',
    `transactionCount "${raw}" is not a whole number from 0 to ${MAX_COUNT}, such as 12`,
    'transactionCount',
  );
}

/** One row's cells: the customer's key and the change, or every reason the row is refused. */
function parseRow(
  cols: UpdateColumns,
  data: DataRow,
  job: Job,
): { ok: Parsed } | { key: string; reasons: Reason[] } {
  const { key } = cols;
  const rawKey = cell(data.cells, key.index);
  const reasons: Reason[] = [];
  const patch: CustomerPatch = {};
  let keyValue = '';
  if (rawKey === '') {
    reasons.push(
      reason(
        'IDENTIFIER_REQUIRED',
        `This row names no customer; fill in its ${identifierLabel[key.kind]}`,
        key.kind,
      ),
    );
  } else {
    const checked = checkIdentifierCell(key.kind, rawKey);
    if ('reasons' in checked) reasons.push(...checked.reasons);
    else keyValue = checked.value;
  }
  for (const [kind, index] of cols.identifiers) {
    const raw = cell(data.cells, index);
    if (raw === '') continue;
    const checked = checkIdentifierCell(kind, raw);
    if ('reasons' in checked) reasons.push(...checked.reasons);
    else patch[kind] = checked.value;
  }
  const name = cell(data.cells, cols.name);
  if (name.length > 200) {
    reasons.push(reason('INVALID_NAME', 'name is longer than 200 characters; shorten it', 'name'));
  } else if (name !== '') patch.name = name;
  const registered = cell(data.cells, cols.registeredAt);
  if (registered !== '') {
    const at = registeredAtCell(registered, job.timeZone, job.now().getTime());
    if (typeof at === 'string') patch.registeredAt = at;
    else reasons.push(at);
  }
  const count = cell(data.cells, cols.transactionCount);
  if (count !== '') {
    const n = transactionCountCell(count);
    if (typeof n === 'number') patch.transactionCount = n;
    else reasons.push(n);
  }
  if (reasons.length === 0 && Object.keys(patch).length === 0) {
    reasons.push(
      reason(
        'NOTHING_TO_CHANGE',
        `This row changes nothing; fill in at least one of ${cols.changeNames.join(', ')}, or delete the row`,
        cols.changeNames[0] ?? 'header',
      ),
    );
  }
  return reasons.length > 0
    ? { key: rawKey, reasons }
    : { ok: { row: data.row, key: keyValue, patch } };
}

const issuesOf = (row: number, identifier: string, reasons: readonly Reason[]): RowIssue[] =>
  reasons.map((r) => ({
    row,
    identifier,
    field: r.field ?? '',
    code: r.code,
    message: r.message,
  }));

/** The plan the upload pipeline runs for a CUSTOMER_UPDATES file. */
export function customerUpdatesPlan(sql: SqlPort, job: Job): BatchPlan<Prepared> {
  let cols: UpdateColumns | null = null;
  // Rows each customer was changed by, across the whole file: a second row is refused.
  const changedBy = new Map<string, number>();
  return {
    header: (cells) => {
      const read = readUpdateColumns(cells);
      if (!read.ok) throw new UploadFailure(read.reasons.map((r) => r.message).join(' '));
      cols = read.value;
    },
    prepare: async (rows) => {
      const c = cols as UpdateColumns;
      const kind: IdentifierKind = c.key.kind;
      const issues: RowIssue[] = [];
      const parsed: Parsed[] = [];
      for (const data of rows) {
        const one = parseRow(c, data, job);
        if ('ok' in one) parsed.push(one.ok);
        else issues.push(...issuesOf(data.row, one.key, one.reasons));
      }
      const found = await findCustomersByIdentifiers(
        sql,
        kind,
        parsed.map((p) => p.key),
      );
      const ready: Prepared['parsed'] = [];
      for (const p of parsed) {
        const customer = found.get(p.key);
        const earlier = customer ? changedBy.get(customer.id) : undefined;
        if (!customer) {
          issues.push(...issuesOf(p.row, p.key, [customerNotFound(kind, p.key)]));
        } else if (earlier !== undefined) {
          const why = reason(
            'DUPLICATE_CUSTOMER',
            `This customer is already changed by row ${earlier}; merge the two rows into one`,
            kind,
          );
          issues.push(...issuesOf(p.row, p.key, [why]));
        } else {
          changedBy.set(customer.id, p.row);
          ready.push({ ...p, customer });
        }
      }
      return { rows, parsed: ready, issues };
    },
    commit: async (tx, prepared) => {
      const ids = prepared.parsed.map((p) => p.customer.id);
      // Locked in id order, and judged against what is committed now.
      const current = new Map<string, Customer>();
      if (ids.length > 0) {
        const locked = await lockCustomers(tx, ids);
        for (const c of locked) current.set(c.id, c);
      }
      const candidates = prepared.parsed.filter((p) => current.has(p.customer.id));
      const changes: CustomerChange[] = candidates.map((p) => ({
        customer: current.get(p.customer.id) as Customer,
        patch: p.patch,
      }));
      const conflicts = await changeConflicts(tx, changes);
      const issues = [...prepared.issues];
      const going: CustomerChange[] = [];
      changes.forEach((change, i) => {
        const why = conflicts[i] ?? [];
        const p = candidates[i] as Parsed;
        if (why.length > 0) issues.push(...issuesOf(p.row, p.key, why));
        else going.push(change);
      });
      await writeChanges(tx, going);
      await writeIssues(tx, job.uploadId, issues);
      if (going.length > 0) {
        await audit(tx, {
          at: job.now().toISOString(),
          actor: job.actor,
          action: 'customer.bulk-update',
          entityType: 'upload',
          entityId: job.uploadId,
          details: { customers: going.map((g) => g.customer.id) },
        });
      }
      const failedRows = new Set(issues.map((i) => i.row)).size;
      return { ok: prepared.rows.length - failedRows, failed: failedRows };
    },
  };
}

async function lockCustomers(tx: SqlPort, ids: readonly string[]): Promise<Customer[]> {
  const rows = await tx.query<CustomerRow>(
    `SELECT ${customerColumns} FROM customers c WHERE c.id = ANY($1::text[]) ORDER BY c.id FOR UPDATE`,
    [ids],
  );
  return rows.map(customerFromRow);
}
