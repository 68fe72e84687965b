import type { Upload } from '#shared/api/operations/uploads';
import type { UniqueCodeGenerator } from '#shared/codes/unique-generator';
import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { loadOffer, requireOffer } from '../offers/index';
import { getOrgSettings } from '../org/index';
import { audit } from '../shared/audit';
import { audienceBatch } from './audience-batch';
import { codesBatch } from './codes-batch';
import { readColumns, type ColumnRules, type CsvColumns } from './csv-columns';
import { customerUpdatesPlan } from './customer-updates-batch';
import { issueBatch } from './issue-batch';
import { prepareIssueBatch, type PreparedIssueBatch } from './issue-batch-prepare';
import { uploadColumns, uploadFromRow, type UploadRow } from './upload-row';
import {
  streamBatches,
  UploadFailure,
  UploadInterrupted,
  type BatchPlan,
  type DataRow,
  type RunOptions,
} from './upload-stream';

export {
  UPLOAD_BATCH_ROWS,
  uploadBatchRows,
  UploadInterrupted,
  type BatchOutcome,
  type DataRow,
  type RunOptions,
} from './upload-stream';

/**
 * Upload jobs. The handler stores the CSV and answers at once; a runner (upload-queue.ts) takes
 * the job, one upload at a time per database (so the issuance rules see every earlier upload's
 * coupons), in batches of UPLOAD_BATCH_ROWS rows, each batch one transaction that also advances
 * processed_rows. A restart, or another hub process, resumes an acknowledged upload after its
 * last committed batch.
 */

export type Kind = Upload['kind'];

export type UploadJob = {
  uploadId: string;
  offerId: string;
  kind: Kind;
  columns: CsvColumns;
  timeZone: string;
  actor: string;
  /** Codes seen earlier in this file, with their row, for "duplicate of row N". */
  seenCodes: Map<string, number>;
  /** UNIQUE_AUTO: one generator per file keeps its codes distinct without asking the database. */
  generator: UniqueCodeGenerator | null;
  expectedRows: number;
  now: () => Date;
};

/** Which columns each kind of file must and may have. */
export function columnRules(kind: Kind, offer: Offer): ColumnRules {
  if (kind === 'CODES') return { identifier: 'forbidden', code: 'required', issuedAt: false };
  if (kind === 'AUDIENCE') return { identifier: 'required', code: 'forbidden', issuedAt: false };
  if (kind === 'CODES_WITH_CUSTOMERS') {
    return { identifier: 'required', code: 'required', issuedAt: true };
  }
  const uploaded = offer.codeGeneration.method === 'UPLOADED';
  return { identifier: 'required', code: uploaded ? 'optional' : 'forbidden', issuedAt: true };
}

/** Data rows of a file (non-blank lines after the header), counted without parsing. */
export function estimateRows(text: string): number {
  let rows = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.slice(start, end).trim() !== '') rows++;
    start = end + 1;
  }
  return Math.max(0, rows - 1);
}

/** A batch ready for its transaction: CODES rows as read, issuing rows checked and matched. */
type PreparedBatch = { kind: 'codes'; rows: DataRow[] } | PreparedIssueBatch;

const kindNote: Partial<Record<Kind, string>> = {
  AUDIENCE: ' (their customers are on the list)',
  CUSTOMER_UPDATES: ' (those customers are changed)',
};

/** Offer uploads: issue to customers, load codes, or fill the offer's customer list. */
async function offerPlan(
  sql: SqlPort,
  stored: UploadRow,
  at: {
    uploadId: string;
    kind: Kind;
    timeZone: string;
    actor: string;
    now: () => Date;
    total: number;
  },
): Promise<BatchPlan<PreparedBatch>> {
  const offer = stored.offer_id === null ? null : await loadOffer(sql, stored.offer_id);
  if (!offer) throw new UploadFailure(`Offer ${stored.offer_id ?? ''} no longer exists`);
  const job: UploadJob = {
    uploadId: at.uploadId,
    offerId: offer.id,
    kind: at.kind,
    columns: { identifier: null, code: null, issuedAt: null },
    timeZone: at.timeZone,
    actor: at.actor,
    seenCodes: new Map(),
    generator: null,
    expectedRows: Math.min(at.total, 10_000_000),
    now: at.now,
  };
  return {
    header: (cells) => {
      const cols = readColumns(cells, columnRules(job.kind, offer));
      if (!cols.ok) throw new UploadFailure(cols.reasons.map((r) => r.message).join(' '));
      job.columns = cols.value;
    },
    prepare: async (rows) =>
      job.kind === 'CODES' ? { kind: 'codes', rows } : prepareIssueBatch(sql, job, rows),
    commit: async (tx, prepared) => {
      const locked = await requireOffer(tx, job.offerId, true);
      if (prepared.kind === 'codes') return codesBatch(tx, job, prepared.rows, locked);
      return job.kind === 'AUDIENCE'
        ? audienceBatch(tx, job, prepared, locked)
        : issueBatch(tx, job, prepared, locked);
    },
  };
}

type Stored = UploadRow & { source?: string; created_by: string | null };

async function finish(
  sql: SqlPort,
  id: string,
  status: 'DONE' | 'FAILED',
  message: string,
  at: Date,
) {
  await sql.query(
    `UPDATE uploads SET status = $2, message = $3, finished_at = $4,
            total_rows = CASE WHEN $2 = 'DONE' THEN processed_rows ELSE total_rows END
      WHERE id = $1 AND status = 'RUNNING'`,
    [id, status, message, at.toISOString()],
  );
}

/**
 * Runs (or resumes) one upload to the end and returns its final state. Safe to call for an
 * upload already finished (no-op).
 */
export async function processUpload(
  sql: SqlPort,
  uploadId: string,
  now: () => Date = () => new Date(),
  /** uploads.source when the caller holds it (the process that accepted the file). */
  heldSource?: string,
  run: RunOptions = {},
): Promise<Upload> {
  const rows = await sql.query<Stored>(
    heldSource === undefined
      ? `SELECT ${uploadColumns}, u.source, u.created_by FROM uploads u WHERE u.id = $1`
      : `SELECT ${uploadColumns}, u.created_by FROM uploads u WHERE u.id = $1`,
    [uploadId],
  );
  const stored = rows[0];
  if (!stored) throw new Error(`Upload ${uploadId} does not exist`);
  if (stored.status === 'DONE' || stored.status === 'FAILED') return uploadFromRow(stored);
  const source = heldSource ?? stored.source ?? '';
  // The row keeps its own reference only when it was read back; drop it either way.
  delete stored.source;
  const resumeAfter = Number(stored.processed_rows);
  const total = estimateRows(source);
  await sql.query(
    `UPDATE uploads SET status = 'RUNNING', total_rows = GREATEST(total_rows, $2) WHERE id = $1`,
    [uploadId, total],
  );
  // One row per run: a resumed upload shows who took it over and from which row.
  await audit(sql, {
    at: now().toISOString(),
    actor: 'system',
    action: 'upload.run',
    entityType: 'upload',
    entityId: uploadId,
    details: { runner: run.runner ?? 'in-process', resumeAfter },
  });
  try {
    const kind = stored.kind as Kind;
    const timeZone = (await getOrgSettings(sql)).timeZone;
    const actor = stored.created_by ?? 'system';
    const counts =
      kind === 'CUSTOMER_UPDATES'
        ? await streamBatches(
            sql,
            uploadId,
            customerUpdatesPlan(sql, { uploadId, timeZone, actor, now }),
            source,
            resumeAfter,
            run,
          )
        : await streamBatches(
            sql,
            uploadId,
            await offerPlan(sql, stored, { uploadId, kind, timeZone, actor, now, total }),
            source,
            resumeAfter,
            run,
          );
    const summary =
      counts.rows === 0
        ? 'The file has a header but no data rows'
        : `${counts.ok} of ${counts.rows} rows went in${kindNote[kind] ?? ''}; ${counts.failed} rows have issues${counts.failed > 0 ? ' (download the issues file)' : ''}`;
    await finish(sql, uploadId, 'DONE', summary, now());
  } catch (error) {
    if (error instanceof UploadInterrupted) throw error;
    const message =
      error instanceof UploadFailure
        ? error.message
        : `Processing stopped: ${error instanceof Error ? error.message : String(error)}. Rows before it went in; upload the remaining rows again`;
    await finish(sql, uploadId, 'FAILED', message, now());
  }
  const after = await sql.query<UploadRow>(
    `SELECT ${uploadColumns} FROM uploads u WHERE u.id = $1`,
    [uploadId],
  );
  return uploadFromRow(after[0] as UploadRow);
}
