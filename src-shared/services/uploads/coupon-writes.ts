import type { UniqueCodeGenerator } from '#shared/codes/unique-generator';
import { newCouponColumns } from '#shared/sql/coupon-columns';
import type { SqlPort } from '#shared/sql/port';
import { isUniqueViolation } from '../shared/errors';
import { bulkIds } from '../shared/ids';
import { copyField } from './copy-csv';

/** Bulk writes of coupons for uploads: COPY for new rows, one UPDATE … FROM unnest for existing. */

export type NewCouponRow = {
  code: string;
  unique: boolean;
  customerId: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
};

export type AssignedCouponRow = {
  id: string;
  customerId: string;
  issuedAt: string;
  expiresAt: string | null;
};

/** Redraws of clashing unique codes before the batch gives up. */
const MAX_REDRAWS = 8;

/**
 * The COPY payload of new coupons, one line per row in newCouponColumns order. The columns
 * every row of a batch shares are quoted once; the per-row ones go through copyField (a code
 * may hold a comma or quote in a custom charset). Same text as CopyBuffer would make, built
 * without an array of values and an array of lines per row.
 */
function copyText(offerId: string, uploadId: string, at: string, rows: readonly NewCouponRow[]) {
  const ids = bulkIds(rows.length, Date.parse(at));
  const afterId = `,${copyField(offerId)},`;
  const tail = `,${copyField(at)},${copyField(uploadId)},${copyField(at)}\n`;
  let lastIssued: string | null = null;
  let issuedField = '';
  let lastExpires: string | null = null;
  let expiresField = '';
  let text = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as NewCouponRow;
    if (i === 0 || r.issuedAt !== lastIssued) {
      lastIssued = r.issuedAt;
      issuedField = copyField(r.issuedAt);
    }
    if (i === 0 || r.expiresAt !== lastExpires) {
      lastExpires = r.expiresAt;
      expiresField = copyField(r.expiresAt);
    }
    text +=
      (ids[i] as string) +
      afterId +
      copyField(r.code) +
      (r.unique ? ',t,' : ',f,') +
      copyField(r.customerId) +
      ',ACTIVE,' +
      issuedField +
      ',' +
      expiresField +
      tail;
  }
  return text;
}

/**
 * Inserts new coupons with COPY. Random unique codes are drawn without asking the database, so
 * one may clash with a code already in the offer: then the batch's COPY is undone to a
 * savepoint, the clashing codes are looked up in one statement, redrawn, and COPY runs again.
 * Other codes (randomized, common, uploaded after an existence check) cannot clash.
 */
export async function copyNewCoupons(
  tx: SqlPort,
  args: {
    offerId: string;
    uploadId: string;
    at: string;
    rows: NewCouponRow[];
    redraw: UniqueCodeGenerator | null;
  },
): Promise<void> {
  const { rows, redraw } = args;
  if (rows.length === 0) return;
  if (redraw === null) {
    await tx.copyFrom(
      'coupons',
      newCouponColumns,
      copyText(args.offerId, args.uploadId, args.at, rows),
    );
    return;
  }
  for (let attempt = 0; ; attempt++) {
    await tx.query('SAVEPOINT upload_coupons');
    try {
      await tx.copyFrom(
        'coupons',
        newCouponColumns,
        copyText(args.offerId, args.uploadId, args.at, rows),
      );
      await tx.query('RELEASE SAVEPOINT upload_coupons');
      return;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_REDRAWS) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT upload_coupons');
    }
    const clashing = await tx.query<{ code: string }>(
      'SELECT code FROM coupons WHERE offer_id = $1 AND code = ANY($2::text[]) AND code_unique',
      [args.offerId, rows.map((r) => r.code)],
    );
    const taken = new Set(clashing.map((c) => c.code));
    const fresh = redraw.next(rows.filter((r) => taken.has(r.code)).length);
    let k = 0;
    for (const r of rows) if (taken.has(r.code)) r.code = fresh[k++] as string;
  }
}

/** Hands existing coupons (uploaded codes, or revoked ones being transferred) to customers. */
export async function assignCoupons(
  tx: SqlPort,
  args: { uploadId: string; at: string; rows: readonly AssignedCouponRow[] },
): Promise<void> {
  if (args.rows.length === 0) return;
  await tx.query(
    `UPDATE coupons c
        SET customer_id = u.customer_id, issued_at = u.issued_at, expires_at = u.expires_at,
            state = 'ACTIVE', revoked_at = NULL, last_status_change_on = $5, upload_id = $6
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
            AS u(id, customer_id, issued_at, expires_at)
      WHERE c.id = u.id`,
    [
      args.rows.map((r) => r.id),
      args.rows.map((r) => r.customerId),
      args.rows.map((r) => r.issuedAt),
      args.rows.map((r) => r.expiresAt),
      args.at,
      args.uploadId,
    ],
  );
}

/** Counts the batch's issued coupons on the offer. */
export async function bumpIssuedCount(
  tx: SqlPort,
  offerId: string,
  count: number,
  lastIssuedAt: string,
): Promise<void> {
  if (count === 0) return;
  await tx.query(
    `UPDATE offers SET issued_count = issued_count + $2,
            last_issued_at = GREATEST(COALESCE(last_issued_at, $3), $3)
      WHERE id = $1`,
    [offerId, count, lastIssuedAt],
  );
}
