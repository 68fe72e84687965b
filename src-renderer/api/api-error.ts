import { ApiError } from '#shared/api/errors';

export { fieldIssuesOf, type FieldIssue } from '#shared/api/field-issues';

/**
 * The API's one error type (src-shared/api/errors.ts), under the name the screens use: `code`
 * to branch on, `fieldIssues` to put next to fields, `outcomeUnknown` when no answer came.
 */
export const ApiClientError = ApiError;
export type ApiClientError = ApiError;

/** The message a person should read for any thrown value. */
export const errorMessage = (e: unknown): string => {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
};

/**
 * A back-office change made at a till while the hub was unreachable: kept at the till and sent
 * later, so it is pending, not failed (the hub may still confirm or reject it).
 */
export const isQueuedChange = (e: unknown): boolean =>
  e instanceof ApiError &&
  e.code === 'UNAVAILABLE' &&
  (e.details as { queued?: unknown } | null)?.queued === true;
