import { ApiError } from '#shared/api/errors';
import type { InputIssue } from '#shared/api/input-issues';
import { describeIssues } from '#shared/api/input-issues';
import type { Reason } from '#shared/domain/reasons';

/** Reasons as the transports' INVALID_INPUT details: one { path, message, code } per problem. */
export const issuesOf = (reasons: readonly Reason[]): (InputIssue & { code: string })[] =>
  reasons.map((r) => ({ path: r.field ?? '', message: r.message, code: r.code }));

/** Bad input the schema could not see (cross-field rules, references): nothing was changed. */
export function invalidInput(reasons: readonly Reason[]): ApiError {
  const issues = issuesOf(reasons);
  return new ApiError('INVALID_INPUT', describeIssues(issues), issues);
}

/** A business rule said no: the message for people, every reason with its code for code. */
export function ruleFailed(message: string, reasons: readonly Reason[]): ApiError {
  return new ApiError('RULE_FAILED', message, { reasons: [...reasons] });
}

/** Postgres unique_violation (23505), from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}
