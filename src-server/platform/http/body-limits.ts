import type { OperationDef } from '#shared/api/define';
import type { OperationName } from '#shared/api/operations';

const MiB = 1024 * 1024;

/** CSV uploads: large enough for a 1 M-row customer CSV (about 40–60 MB). */
export const MAX_CSV_BODY_BYTES = 64 * MiB;

/** Every other JSON body: a form or an API call, never a bulk file. */
export const MAX_JSON_BODY_BYTES = 1 * MiB;

/**
 * JSON operations that carry bulk data on purpose, so the 1 MiB default would refuse real use:
 * a revoke list sent as CSV text, a till's push of up to 1000 facts (redemption payloads carry
 * the basket), and a till's queued offline commands (which may hold such a revoke). All need a
 * back-office role or a device credential, and the role is checked before the body is read.
 */
const bulkJsonBytes: Partial<Record<OperationName, number>> = {
  'coupons-revoke': MAX_CSV_BODY_BYTES,
  'sync-push': 16 * MiB,
  'sync-commands-apply': MAX_CSV_BODY_BYTES,
};

export type BodyLimits = { csvBytes: number; jsonBytes: number };

/** The most an operation's request body may hold, in bytes. */
export const bodyLimitFor = (name: string, op: OperationDef, limits: BodyLimits): number => {
  if (op.body === 'csv') return limits.csvBytes;
  const bulk = bulkJsonBytes[name as OperationName];
  return bulk === undefined ? limits.jsonBytes : Math.max(bulk, limits.jsonBytes);
};
