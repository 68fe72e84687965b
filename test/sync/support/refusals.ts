import type { ApiError } from '#shared/api/errors';

/** The ApiError a call was refused with (fails the test when the call succeeds). */
export { rejection as refusal } from '../../helpers/rejection';

/** The reasons a RULE_FAILED refusal carries. */
export const reasonsOf = (e: ApiError): { code: string; message: string }[] =>
  (e.details as { reasons?: { code: string; message: string }[] } | null)?.reasons ?? [];
