import type { Upload } from '../../api/operations/uploads';
import type { UniqueCodeGenerator } from '../../codes/unique-generator';
import type { Offer } from '../../domain/offer';
import type { SqlPort } from '../../sql/port';
import { loadOffer, requireOffer } from '../offers/offer-repo';
import { getOrgSettings } from '../org/org-settings';
import { audit } from '../shared/audit';
import { audienceBatch } from './audience-batch';
import { codesBatch } from './codes-batch';
import { readColumns, type ColumnRules, type CsvColumns } from './csv-columns';
import { forEachCsvChunk, isBlankRow } from './csv-stream';
import { issueBatch, prepareIssueBatch, type PreparedIssueBatch } from './issue-batch';
import { uploadColumns, uploadFromRow, type UploadRow } from './upload-row';
import { yieldToEventLoop } from './yield';

/**
 * Upload jobs. The handler stores the CSV and answers at once; a runner (upload-queue.ts) takes
 * the job, one upload at a time per database (so the issuance rules see every earlier upload's
 * coupons), in batches of UPLOAD_BATCH_ROWS rows, each batch one transaction that also advances
 * processed_rows. A restart, or another hub process, resumes an acknowledged upload after its
 * last committed batch.
 */
export const UPLOAD_BATCH_ROWS = 5000;

/**
 * PGlite runs a batch without yielding (see yield.ts), so every other request of the process
 * waits for it: smaller batches there keep that wait short.
 */
export const uploadBatchRows = (dialect: SqlPort['dialect']): number =>
  dialect === 'pglite' ? 1000 : UPLOAD_BATCH_ROWS;

export type Kind = Upload['kind'];
export type DataRow = { row: number; cells: string[] };
export type BatchOutcome = { ok: number; failed: number };

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

class UploadFailure extends Error {}

/**
 * The job stops without finishing the upload, leaving it RUNNING after its last committed
 * batch for whichever runner claims it next: this runner was told to stop (its host is
 * closing), or another runner has committed a batch of it meanwhile (this one lost its claim).
 */
export class UploadInterrupted extends Error {}

export type RunOptions = {
  /** Who runs it, for the audit trail (`upload.run`): a hub process, a till. */
  runner?: string;
  /** Checked before each batch: true stops the job between batches (UploadInterrupted). */
  shouldStop?: () => boolean;
};

/** A batch ready for its transaction: CODES rows as read, issuing rows checked and matched. */
type PreparedBatch = { kind: 'codes'; rows: DataRow[] } | PreparedIssueBatch;

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
    const offer = await loadOffer(sql, stored.offer_id);
    if (!offer) throw new UploadFailure(`Offer ${stored.offer_id} no longer exists`);
    const job: UploadJob = {
      uploadId,
      offerId: offer.id,
      kind: stored.kind as Kind,
      columns: { identifier: null, code: null, issuedAt: null },
      timeZone: (await getOrgSettings(sql)).timeZone,
      actor: stored.created_by ?? 'system',
      seenCodes: new Map(),
      generator: null,
      expectedRows: Math.min(total, 10_000_000),
      now,
    };
    const counts = await streamBatches(sql, job, offer, source, resumeAfter, run);
    const summary =
      counts.rows === 0
        ? 'The file has a header but no data rows'
        : `${counts.ok} of ${counts.rows} rows went in${job.kind === 'AUDIENCE' ? ' (their customers are on the list)' : ''}; ${counts.failed} rows have issues${counts.failed > 0 ? ' (download the issues file)' : ''}`;
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

/**
 * Parses the stored CSV chunk by chunk and runs its batches; counts include resumed rows.
 *
 * On PostgreSQL the batches are pipelined one deep: while batch N's transaction (issuance
 * history, rules, codes, COPY, commit) is in flight on one connection, batch N+1's rows are
 * parsed, their cells checked and their customers looked up on another, so Node's work and the
 * two server backends overlap. Everything that reads committed issuance state (history, counts,
 * limits, codes already in the offer) stays inside the batch's own transaction, which starts
 * only after batch N has committed, so the rules see exactly what they saw without the overlap.
 * PGlite is one backend in this thread: there the stages simply alternate.
 */
async function streamBatches(
  sql: SqlPort,
  job: UploadJob,
  offer: Offer,
  source: string,
  resumeAfter: number,
  run: RunOptions,
): Promise<{ rows: number; ok: number; failed: number }> {
  let record = 0;
  let dataRows = 0;
  let header = false;
  let batch: DataRow[] = [];
  const batchRows = uploadBatchRows(sql.dialect);
  const overlap = sql.dialect === 'postgres';
  let inflight: Promise<void> = Promise.resolve();
  // Rows committed so far by this run. A batch commits only if the row count it continues
  // from is still the upload's: should two runners ever hold one upload (a claim lost with its
  // connection while the old runner lives on), the second to commit rolls back, so no row is
  // issued twice whatever happens to the claim.
  let committed = resumeAfter;
  const commit = (prepared: PreparedBatch): Promise<void> =>
    sql.transaction(async (tx) => {
      const locked = await requireOffer(tx, job.offerId, true);
      const outcome =
        prepared.kind === 'codes'
          ? await codesBatch(tx, job, prepared.rows, locked)
          : job.kind === 'AUDIENCE'
            ? await audienceBatch(tx, job, prepared, locked)
            : await issueBatch(tx, job, prepared, locked);
      const advanced = await tx.query(
        `UPDATE uploads SET processed_rows = processed_rows + $2, ok_rows = ok_rows + $3,
                error_rows = error_rows + $4
          WHERE id = $1 AND processed_rows = $5 AND status = 'RUNNING'
          RETURNING id`,
        [job.uploadId, prepared.rows.length, outcome.ok, outcome.failed, committed],
      );
      if (advanced.length === 0) {
        throw new UploadInterrupted(`Upload ${job.uploadId} moved on under another runner`);
      }
      committed += prepared.rows.length;
    });
  const runBatch = async (): Promise<void> => {
    const rows = batch;
    batch = [];
    if (rows.length === 0) return;
    await yieldToEventLoop();
    if (run.shouldStop?.()) throw new UploadInterrupted(`Upload ${job.uploadId} stopped`);
    if (!overlap) await inflight;
    let prepared: PreparedBatch;
    try {
      prepared =
        job.kind === 'CODES' ? { kind: 'codes', rows } : await prepareIssueBatch(sql, job, rows);
    } catch (error) {
      // Stop only once the batch in flight has committed or rolled back.
      await inflight.catch(() => undefined);
      throw error;
    }
    await inflight;
    inflight = commit(prepared);
    // Awaited by the next batch or at the end; this only keeps a failure from being reported
    // as unhandled meanwhile.
    inflight.catch(() => undefined);
  };
  const readBatches = async (): Promise<void> => {
    await forEachCsvChunk(source, async (rows) => {
      for (const cells of rows) {
        record++;
        if (!header) {
          if (isBlankRow(cells)) {
            throw new UploadFailure(
              `The file is empty: the first row must be a header such as userId`,
            );
          }
          const cols = readColumns(cells, columnRules(job.kind, offer));
          if (!cols.ok) throw new UploadFailure(cols.reasons.map((r) => r.message).join(' '));
          job.columns = cols.value;
          header = true;
          continue;
        }
        if (isBlankRow(cells)) continue;
        dataRows++;
        // Resuming: these rows were committed (with their coupons and issues) before the stop.
        if (dataRows <= resumeAfter) continue;
        batch.push({ row: record, cells });
        if (batch.length >= batchRows) await runBatch();
      }
    });
    if (!header)
      throw new UploadFailure('The file is empty: the first row must be a header such as userId');
    await runBatch();
  };
  try {
    await readBatches();
  } catch (error) {
    await inflight.catch(() => undefined);
    throw error;
  }
  await inflight;
  const totals = await sql.query<{ ok_rows: unknown; error_rows: unknown }>(
    'SELECT ok_rows, error_rows FROM uploads WHERE id = $1',
    [job.uploadId],
  );
  return {
    rows: dataRows,
    ok: Number(totals[0]?.ok_rows ?? 0),
    failed: Number(totals[0]?.error_rows ?? 0),
  };
}
