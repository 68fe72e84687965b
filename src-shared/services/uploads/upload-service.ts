import { ApiError, notFound } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { SqlPort } from '#shared/sql/port';
import {
  closesIssuance,
  issuanceClosedReason,
  loadIssuanceClosure,
  requireOffer,
} from '../offers/index';
import { actorOf } from '../shared/clock';
import { newId } from '../shared/ids';
import { toCsv } from './csv-stream';
import { estimateRows } from './upload-job';
import { enqueueUpload } from './upload-queue';
import { uploadColumns, uploadFromRow, type UploadRow } from './upload-row';

type CreateInput = OpParsedInput<'uploads-create'>;
type Upload = OpOutput<'uploads-get'>;

/** The header of the issues file a back-office user downloads. */
export const ISSUE_CSV_FIELDS = ['row', 'identifier', 'field', 'code', 'message'] as const;

async function readUpload(sql: SqlPort, id: string): Promise<Upload> {
  const rows = await sql.query<UploadRow>(
    `SELECT ${uploadColumns} FROM uploads u WHERE u.id = $1`,
    [id],
  );
  if (!rows[0]) throw notFound('Upload', id);
  return uploadFromRow(rows[0]);
}

/**
 * Accepts an upload: the CSV is stored with the QUEUED row (so a restart can finish it) and
 * the job is queued in the background; the answer comes at once. Kinds that carry codes need
 * an offer whose codes are uploaded; a customer list (AUDIENCE) goes to any offer.
 */
export async function createUpload(input: CreateInput, ctx: HandlerContext): Promise<Upload> {
  const offer = await requireOffer(ctx.sql, input.id);
  const carriesCodes = input.kind === 'CODES' || input.kind === 'CODES_WITH_CUSTOMERS';
  if (carriesCodes && offer.codeGeneration.method !== 'UPLOADED') {
    throw new ApiError(
      'INVALID_INPUT',
      `Offer "${offer.name}" makes its own codes (${offer.codeGeneration.method}); upload ${input.kind === 'CODES' ? 'codes' : 'codes with customers'} only to an offer with uploaded codes, or upload customers`,
      { field: 'kind', kind: input.kind, method: offer.codeGeneration.method },
    );
  }
  // A customer list issues nothing, so an offer closed to issuance may still keep one.
  const closure =
    input.kind !== 'AUDIENCE' && closesIssuance(offer)
      ? await loadIssuanceClosure(ctx.sql, offer.id)
      : null;
  if (closure !== null) {
    const why = issuanceClosedReason(offer, closure);
    throw new ApiError('RULE_FAILED', why.message, { reasons: [why] });
  }
  return queueUpload(ctx, offer.id, input.kind, input.fileName, input.csv);
}

/**
 * Stores an accepted file with its QUEUED row (so a restart can finish it) and has the runner
 * take it in the background; answers the upload as queued.
 */
export async function queueUpload(
  ctx: HandlerContext,
  offerId: string | null,
  kind: Upload['kind'],
  fileName: string,
  csv: string,
): Promise<Upload> {
  const id = newId(ctx.now().getTime());
  await ctx.sql.query(
    `INSERT INTO uploads (id, offer_id, kind, file_name, status, total_rows, source, created_by,
                          created_at)
     VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7, $8)`,
    [
      id,
      offerId,
      kind,
      fileName,
      estimateRows(csv),
      csv,
      actorOf(ctx.principal),
      ctx.now().toISOString(),
    ],
  );
  void enqueueUpload(ctx.sql, id, ctx.now, csv);
  return readUpload(ctx.sql, id);
}

export async function listUploads(sql: SqlPort, offerId: string): Promise<Upload[]> {
  await requireOffer(sql, offerId);
  const rows = await sql.query<UploadRow>(
    `SELECT ${uploadColumns} FROM uploads u WHERE u.offer_id = $1 ORDER BY u.created_at DESC, u.id DESC`,
    [offerId],
  );
  return rows.map(uploadFromRow);
}

/** Files of customer updates (they belong to no offer), newest first. */
export async function listCustomerUpdateUploads(sql: SqlPort): Promise<Upload[]> {
  const rows = await sql.query<UploadRow>(
    `SELECT ${uploadColumns} FROM uploads u WHERE u.offer_id IS NULL
      ORDER BY u.created_at DESC, u.id DESC LIMIT 100`,
  );
  return rows.map(uploadFromRow);
}

export const getUpload = readUpload;

/** Every failed row as CSV: row, identifier, field, code, message (row 1 is the header). */
export async function uploadIssuesCsv(sql: SqlPort, uploadId: string): Promise<string> {
  await readUpload(sql, uploadId);
  const rows = await sql.query<{
    row_no: unknown;
    identifier: string;
    field: string;
    code: string;
    message: string;
  }>(
    `SELECT row_no, identifier, field, code, message FROM upload_issues
      WHERE upload_id = $1 ORDER BY row_no, code`,
    [uploadId],
  );
  return toCsv(
    ISSUE_CSV_FIELDS,
    rows.map((r) => [Number(r.row_no), r.identifier, r.field, r.code, r.message]),
  );
}
