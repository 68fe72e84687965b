import type { SqlPort } from '#shared/sql/port';
import { forEachCsvChunk, isBlankRow } from './csv-stream';
import { yieldToEventLoop } from './yield';

/**
 * The batch pipeline every kind of upload runs through: the stored CSV read chunk by chunk,
 * rows gathered into batches, each batch prepared (cells checked, look-ups made) and then
 * committed in one transaction that also advances the upload's row counts, so a restart
 * resumes after the last committed batch.
 */

/**
 * Rows per batch (UPLOAD_BATCH_ROWS). PGlite runs a batch without yielding (see yield.ts), so
 * every other request of the process waits for it: smaller batches there keep that wait short.
 */
export const UPLOAD_BATCH_ROWS = 5000;
export const uploadBatchRows = (dialect: SqlPort['dialect']): number =>
  dialect === 'pglite' ? 1000 : UPLOAD_BATCH_ROWS;

export type DataRow = { row: number; cells: string[] };
export type BatchOutcome = { ok: number; failed: number };

/** The upload cannot go on: its message is the upload's, shown as it is. */
export class UploadFailure extends Error {}

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

/** What one kind of upload does with its header and its batches. */
export type BatchPlan<P extends { rows: readonly DataRow[] }> = {
  /** Reads the header row; throws UploadFailure naming what is wrong and what is expected. */
  header: (cells: readonly string[]) => void;
  /** Checks a batch's cells and makes its look-ups, outside the batch's transaction. */
  prepare: (rows: DataRow[]) => Promise<P>;
  /** Writes the batch inside its transaction (locks included); answers its row counts. */
  commit: (tx: SqlPort, prepared: P) => Promise<BatchOutcome>;
};

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
export async function streamBatches<P extends { rows: readonly DataRow[] }>(
  sql: SqlPort,
  uploadId: string,
  plan: BatchPlan<P>,
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
  const commit = (prepared: P): Promise<void> =>
    sql.transaction(async (tx) => {
      const outcome = await plan.commit(tx, prepared);
      const advanced = await tx.query(
        `UPDATE uploads SET processed_rows = processed_rows + $2, ok_rows = ok_rows + $3,
                error_rows = error_rows + $4
          WHERE id = $1 AND processed_rows = $5 AND status = 'RUNNING'
          RETURNING id`,
        [uploadId, prepared.rows.length, outcome.ok, outcome.failed, committed],
      );
      if (advanced.length === 0) {
        throw new UploadInterrupted(`Upload ${uploadId} moved on under another runner`);
      }
      committed += prepared.rows.length;
    });
  const runBatch = async (): Promise<void> => {
    const rows = batch;
    batch = [];
    if (rows.length === 0) return;
    await yieldToEventLoop();
    if (run.shouldStop?.()) throw new UploadInterrupted(`Upload ${uploadId} stopped`);
    if (!overlap) await inflight;
    let prepared: P;
    try {
      prepared = await plan.prepare(rows);
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
          plan.header(cells);
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
    [uploadId],
  );
  return {
    rows: dataRows,
    ok: Number(totals[0]?.ok_rows ?? 0),
    failed: Number(totals[0]?.error_rows ?? 0),
  };
}
