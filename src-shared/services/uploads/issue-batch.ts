import type { PastIssuance } from '../../domain/coupon';
import type { Offer } from '../../domain/offer';
import { reason, type Reason, type Result } from '../../domain/reasons';
import { couponExpiresAt } from '../../engine/coupon-expiry';
import { checkIssuance } from '../../engine/issuance';
import type { IssuanceDecision } from '../../engine/types';
import type { SqlPort } from '../../sql/port';
import { audienceMembers, readsAudience } from '../audience/audience-repo';
import { commonCodeOf } from '../coupons/code-allocation';
import {
  issuanceReadsHistory,
  loadCustomerIssuances,
  loadIssuedCount,
  loadRestrictedIssuances,
} from '../coupons/issuance-facts';
import { findCustomerIdsByIdentifiers } from '../customers/customer-repo';
import {
  closesIssuance,
  issuanceClosedReason,
  loadIssuanceClosure,
} from '../offers/issuance-closure';
import { audit } from '../shared/audit';
import {
  assignCoupons,
  bumpIssuedCount,
  copyNewCoupons,
  type AssignedCouponRow,
  type NewCouponRow,
} from './coupon-writes';
import { fillGeneratedCodes, matchCodes, takeUnissued } from './batch-codes';
import { cell } from './csv-columns';
import { writeIssues, type RowIssue } from './issue-log';
import {
  checkCodeCell,
  checkIdentifierCell,
  checkIssuedAtCell,
  customerNotFound,
  emptyRowReason,
  identifierLabel,
} from './row-checks';
import { isEmptyRow } from './csv-stream';
import type { BatchOutcome, DataRow, UploadJob } from './upload-job';

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
function failRow(
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

/**
 * The second stage, in one transaction under the offer row lock, begun only once the previous
 * batch has committed: issuance history loaded in one statement, the issuance rules applied
 * row by row in file order (earlier rows of the file count, as do earlier batches, already
 * committed), coupons written with COPY, issues recorded.
 */
export async function issueBatch(
  tx: SqlPort,
  job: UploadJob,
  prepared: PreparedIssueBatch,
  offer: Offer,
): Promise<BatchOutcome> {
  const at = job.now().toISOString();
  const id = job.columns.identifier as NonNullable<UploadJob['columns']['identifier']>;
  const { candidates, issues } = prepared;
  const fail = (c: Candidate, reasons: readonly Reason[]): void =>
    failRow(issues, id.kind, c, reasons);
  const live = (): Candidate[] => candidates.filter((c) => !c.failed);

  // Closed by a revoke (perhaps while this upload ran): every row left gets the reason.
  const closure = closesIssuance(offer) ? await loadIssuanceClosure(tx, offer.id) : null;
  if (closure !== null) {
    const why = issuanceClosedReason(offer, closure);
    for (const c of live()) fail(c, [why]);
  }

  if (job.columns.code !== null) await matchCodes(tx, job, offer, live(), fail);

  const customerIds = [...new Set(live().map((c) => c.customerId as string))];
  // Offers whose rules never read a customer's earlier issuances skip the 5,000 index probes.
  const readsHistory = issuanceReadsHistory(offer);
  const history = readsHistory
    ? await loadCustomerIssuances(tx, offer, customerIds, at)
    : new Map<string, PastIssuance[]>();
  const restricted = groupByCustomer(await loadRestrictedIssuances(tx, offer, customerIds, at));
  const audience = readsAudience(offer)
    ? await audienceMembers(tx, offer.id, customerIds)
    : new Set<string>();
  let issuedCount = await loadIssuedCount(tx, offer.id);
  const pool =
    job.columns.code === null && offer.codeGeneration.method === 'UPLOADED'
      ? await takeUnissued(tx, offer.id, live().length)
      : [];

  // A customer with no history in this offer and no restricted issuals gets the same decision
  // as any other such customer at this instant and on the same side of the customer list,
  // unless the total limit (which moves with every row) is in play; such a decision names no
  // customer. The engine reads dates through luxon, slow enough per call to matter at a
  // million rows.
  const memoizable = offer.issuance.totalLimit === null;
  const freshDecisions = new Map<boolean, Result<IssuanceDecision>>();
  const expiryByIssuedAt = new Map<string, string | null>();
  const inserts: NewCouponRow[] = [];
  const assigns: AssignedCouponRow[] = [];
  const transfers: { couponId: string; from: string | null; to: string }[] = [];
  let ok = 0;

  for (const c of live()) {
    const customerId = c.customerId as string;
    const mine = history.get(customerId) ?? [];
    const excluded = restricted.get(customerId) ?? [];
    const fresh = memoizable && mine.length === 0 && excluded.length === 0;
    const inAudience = audience.has(customerId);
    const decision: Result<IssuanceDecision> =
      (fresh ? freshDecisions.get(inAudience) : undefined) ??
      checkIssuance({
        offer,
        customer: { id: customerId },
        at,
        timeZone: job.timeZone,
        customerIssuances: mine,
        offerIssuedCount: issuedCount,
        restrictedIssuances: excluded,
        inAudience,
      });
    if (fresh) freshDecisions.set(inAudience, decision);
    if (!decision.ok) {
      fail(
        c,
        decision.reasons.map((r) => ({ ...r, field: id.kind })),
      );
      continue;
    }
    if (decision.value.action === 'SEND_EXISTING') {
      ok++;
      continue;
    }
    const issuedAt = c.issuedAt ?? at;
    let expiresAt = decision.value.expiresAt;
    if (c.issuedAt !== null) {
      if (!expiryByIssuedAt.has(c.issuedAt)) {
        expiryByIssuedAt.set(c.issuedAt, couponExpiresAt(offer, c.issuedAt, job.timeZone));
      }
      expiresAt = expiryByIssuedAt.get(c.issuedAt) ?? null;
    }
    if (c.assignTo) {
      assigns.push({ id: c.assignTo.id, customerId, issuedAt, expiresAt });
      if (c.assignTo.revoked) {
        transfers.push({
          couponId: c.assignTo.id,
          from: c.assignTo.previousCustomerId,
          to: customerId,
        });
      }
    } else if (c.code !== null) {
      inserts.push({ code: c.code, unique: true, customerId, issuedAt, expiresAt });
    } else if (offer.codeGeneration.method === 'UPLOADED') {
      const next = pool.shift();
      if (!next) {
        fail(c, [
          reason(
            'NO_CODES_LEFT',
            `Every uploaded code of offer "${offer.name}" has been issued; upload more codes and upload this row again`,
            id.kind,
          ),
        ]);
        continue;
      }
      assigns.push({ id: next, customerId, issuedAt, expiresAt });
    } else if (offer.codeGeneration.method === 'COMMON') {
      inserts.push({
        code: commonCodeOf(offer),
        unique: false,
        customerId,
        issuedAt,
        expiresAt,
      });
    } else {
      inserts.push({ code: '', unique: true, customerId, issuedAt, expiresAt });
    }
    if (readsHistory) {
      mine.push({
        offerId: offer.id,
        customerId,
        couponId: '',
        code: '',
        issuedAt,
        stillValid: true,
      });
      history.set(customerId, mine);
    }
    issuedCount++;
    ok++;
  }

  const redraw = await fillGeneratedCodes(tx, job, offer, inserts);
  await copyNewCoupons(tx, {
    offerId: offer.id,
    uploadId: job.uploadId,
    at,
    rows: inserts,
    redraw,
  });
  await assignCoupons(tx, { uploadId: job.uploadId, at, rows: assigns });
  await bumpIssuedCount(tx, offer.id, inserts.length + assigns.length, at);
  if (transfers.length > 0) {
    await audit(tx, {
      at,
      actor: job.actor,
      action: 'coupons.upload-assign',
      entityType: 'offer',
      entityId: offer.id,
      details: {
        uploadId: job.uploadId,
        transfers: transfers.slice(0, 1000),
        count: transfers.length,
      },
    });
  }
  await writeIssues(tx, job.uploadId, issues);
  return { ok, failed: candidates.filter((c) => c.failed).length };
}

function groupByCustomer(list: readonly PastIssuance[]): Map<string, PastIssuance[]> {
  const map = new Map<string, PastIssuance[]>();
  for (const i of list) map.set(i.customerId, [...(map.get(i.customerId) ?? []), i]);
  return map;
}
