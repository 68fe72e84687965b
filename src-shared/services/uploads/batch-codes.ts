import type { UniqueCodeGenerator } from '#shared/codes/unique-generator';
import type { Offer } from '#shared/domain/offer';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import {
  loadIssuedCount,
  nextRandomizedCodes,
  uniqueCodeGenerator,
  withOfflineChecks,
} from '../coupons/index';
import type { NewCouponRow } from './coupon-writes';
import type { Candidate } from './issue-batch-prepare';
import type { UploadJob } from './upload-job';

/** Where the codes of an issuing batch come from: named in the file, a pool, or generated. */

type ExistingCode = {
  id: string;
  code: string;
  customer_id: string | null;
  issued_at: unknown;
  state: string;
  redemption_count: unknown;
};

/** Codes named in the file: unissued ones are handed out, new ones (codes with customers) created. */
export async function matchCodes(
  tx: SqlPort,
  job: UploadJob,
  offer: Offer,
  candidates: Candidate[],
  fail: (c: Candidate, reasons: Reason[]) => void,
): Promise<void> {
  const rows = await tx.query<ExistingCode>(
    `SELECT id, code, customer_id, issued_at, state, redemption_count FROM coupons
      WHERE offer_id = $1 AND code = ANY($2::text[]) AND code_unique FOR UPDATE`,
    [offer.id, candidates.map((c) => c.code as string)],
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const c of candidates) {
    const code = c.code as string;
    const existing = byCode.get(code);
    if (existing) {
      const unissued = existing.issued_at === null && existing.state === 'ACTIVE';
      // Seed, "Transfer of Coupon": revoke it, then upload it with the new customer.
      const transferable =
        job.kind === 'CODES_WITH_CUSTOMERS' &&
        existing.state === 'REVOKED' &&
        Number(existing.redemption_count) === 0;
      if (unissued || transferable) {
        c.assignTo = {
          id: existing.id,
          previousCustomerId: existing.customer_id,
          revoked: existing.state === 'REVOKED',
        };
      } else {
        fail(c, [codeTaken(code, existing, job.kind)]);
      }
    } else if (job.kind === 'CUSTOMERS') {
      fail(c, [
        reason(
          'CODE_NOT_IN_OFFER',
          `Code ${code} is not an uploaded code of offer "${offer.name}"; upload the codes first, or upload codes with customers`,
          'code',
        ),
      ]);
    }
  }
}

/** Unissued uploaded coupons, oldest first, locked for this batch. */
export async function takeUnissued(tx: SqlPort, offerId: string, limit: number): Promise<string[]> {
  if (limit === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM coupons
      WHERE offer_id = $1 AND issued_at IS NULL AND customer_id IS NULL AND state = 'ACTIVE'
      ORDER BY created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [offerId, limit],
  );
  return rows.map((r) => r.id);
}

/** Codes for UNIQUE_AUTO and RANDOMIZED_COMMON rows, drawn for the whole batch at once. */
export async function fillGeneratedCodes(
  tx: SqlPort,
  job: UploadJob,
  offer: Offer,
  inserts: NewCouponRow[],
): Promise<UniqueCodeGenerator | null> {
  const blanks = inserts.filter((r) => r.code === '');
  const method = offer.codeGeneration.method;
  if (method === 'RANDOMIZED_COMMON') {
    const codes = await withOfflineChecks(
      tx,
      offer,
      await nextRandomizedCodes(tx, offer, blanks.length),
      blanks.map((r) => r.customerId),
    );
    blanks.forEach((r, i) => (r.code = codes[i] as string));
    return null;
  }
  if (method !== 'UNIQUE_AUTO') return null;
  job.generator ??= uniqueCodeGenerator(
    offer,
    await loadIssuedCount(tx, offer.id),
    job.expectedRows,
  );
  const codes = await withOfflineChecks(
    tx,
    offer,
    job.generator.next(blanks.length),
    blanks.map((r) => r.customerId),
  );
  blanks.forEach((r, i) => (r.code = codes[i] as string));
  return job.generator;
}

function codeTaken(code: string, existing: ExistingCode, kind: UploadJob['kind']): Reason {
  if (existing.state !== 'REVOKED') {
    return reason(
      'CODE_ALREADY_ISSUED',
      `Code ${code} is already issued to a customer; remove the row, or revoke that coupon first to give the code to someone else`,
      'code',
    );
  }
  if (Number(existing.redemption_count) > 0) {
    return reason(
      'CODE_ALREADY_ISSUED',
      `Code ${code} was redeemed and later revoked; a redeemed code cannot be issued again`,
      'code',
    );
  }
  return reason(
    'CODE_REVOKED',
    kind === 'CUSTOMERS'
      ? `Code ${code} was revoked; upload it as codes with customers to give it to a new customer`
      : `Code ${code} was revoked`,
    'code',
  );
}
