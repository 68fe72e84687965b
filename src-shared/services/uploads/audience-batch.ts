import type { Offer } from '#shared/domain/offer';
import type { SqlPort } from '#shared/sql/port';
import { addToAudience } from '../audience/index';
import type { PreparedIssueBatch } from './issue-batch-prepare';
import { writeIssues } from './issue-log';
import type { BatchOutcome, UploadJob } from './upload-job';

/**
 * One batch of an AUDIENCE upload, in its transaction under the offer row lock: the rows whose
 * customers were found (prepareIssueBatch, the same cell checks and look-up as issuing) go on
 * the offer's customer list; a customer already on it counts as in, nothing changes for them.
 */
export async function audienceBatch(
  tx: SqlPort,
  job: UploadJob,
  prepared: PreparedIssueBatch,
  offer: Offer,
): Promise<BatchOutcome> {
  const found = prepared.candidates.filter((c) => !c.failed);
  await addToAudience(tx, {
    offerId: offer.id,
    customerIds: found.map((c) => c.customerId as string),
    at: job.now().toISOString(),
    by: job.actor,
    uploadId: job.uploadId,
  });
  await writeIssues(tx, job.uploadId, prepared.issues);
  return { ok: found.length, failed: prepared.candidates.length - found.length };
}
