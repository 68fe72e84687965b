import type { PastIssuance } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import { reason, type Reason, type Result } from '#shared/domain/reasons';
import { couponExpiresAt } from '#shared/engine/coupon-expiry';
import { checkIssuance } from '#shared/engine/issuance';
import type { IssuanceDecision } from '#shared/engine/types';
import type { SqlPort } from '#shared/sql/port';
import { audienceMembers, readsAudience } from '../audience/index';
import {
  commonCodeOf,
  issuanceReadsHistory,
  loadCustomerIssuances,
  loadIssuedCount,
  loadRestrictedIssuances,
} from '../coupons/index';
import { closesIssuance, issuanceClosedReason, loadIssuanceClosure } from '../offers/index';
import { audit } from '../shared/audit';
import {
  assignCoupons,
  bumpIssuedCount,
  copyNewCoupons,
  type AssignedCouponRow,
  type NewCouponRow,
} from './coupon-writes';
import { fillGeneratedCodes, matchCodes, takeUnissued } from './batch-codes';
import { failRow, type Candidate, type PreparedIssueBatch } from './issue-batch-prepare';
import { writeIssues } from './issue-log';
import type { BatchOutcome, UploadJob } from './upload-job';

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
