import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { copyNewCoupons, type NewCouponRow } from './coupon-writes';
import { cell } from './csv-columns';
import { writeIssues, type RowIssue } from './issue-log';
import { isEmptyRow } from './csv-stream';
import { checkCodeCell, codeExistsInOffer, emptyRowReason } from './row-checks';
import type { BatchOutcome, DataRow, UploadJob } from './upload-job';

/**
 * One batch of a CODES upload: existing codes become unissued coupons of an UPLOADED offer.
 * Each code is checked for format, for an earlier row of the same file, and for being in the
 * offer already (one statement per batch); good codes go in with COPY.
 */
export async function codesBatch(
  tx: SqlPort,
  job: UploadJob,
  rows: readonly DataRow[],
  offer: Offer,
): Promise<BatchOutcome> {
  const at = job.now().toISOString();
  const issues: RowIssue[] = [];
  const good: { row: number; raw: string; code: string }[] = [];
  for (const r of rows) {
    const raw = cell(r.cells, job.columns.code);
    const checked = isEmptyRow(r.cells)
      ? { reasons: [emptyRowReason('code', 'code')] }
      : checkCodeCell(raw, r.row, job.seenCodes);
    if ('reasons' in checked) {
      for (const x of checked.reasons) {
        issues.push({
          row: r.row,
          identifier: raw,
          field: 'code',
          code: x.code,
          message: x.message,
        });
      }
    } else good.push({ row: r.row, raw, code: checked.value });
  }
  const existing = await tx.query<{ code: string }>(
    'SELECT code FROM coupons WHERE offer_id = $1 AND code = ANY($2::text[]) AND code_unique',
    [offer.id, good.map((g) => g.code)],
  );
  const taken = new Set(existing.map((e) => e.code));
  const inserts: NewCouponRow[] = [];
  for (const g of good) {
    if (taken.has(g.code)) {
      const x = codeExistsInOffer(g.code);
      issues.push({
        row: g.row,
        identifier: g.raw,
        field: 'code',
        code: x.code,
        message: x.message,
      });
    } else {
      inserts.push({
        code: g.code,
        unique: true,
        customerId: null,
        issuedAt: null,
        expiresAt: null,
      });
    }
  }
  await copyNewCoupons(tx, {
    offerId: offer.id,
    uploadId: job.uploadId,
    at,
    rows: inserts,
    redraw: null,
  });
  await writeIssues(tx, job.uploadId, issues);
  return { ok: inserts.length, failed: rows.length - inserts.length };
}
