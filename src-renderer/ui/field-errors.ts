import { ApiClientError, type FieldIssue } from '../api/api-error';

export type FieldErrors = Record<string, string>;

/** Issues keyed by dotted path; the first message per path wins. */
export const toFieldErrors = (issues: readonly FieldIssue[]): FieldErrors => {
  const out: FieldErrors = {};
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.message;
  return out;
};

/** The field issues an API error carries (INVALID_INPUT, IMMUTABLE_FIELD), else none. */
export const fieldErrorsFromError = (error: unknown): FieldErrors =>
  error instanceof ApiClientError ? toFieldErrors(error.fieldIssues) : {};

/**
 * The message for a field: an issue on the path itself or on anything inside it
 * ("customer" shows an issue reported at "customer.email").
 */
export const errorAt = (errors: FieldErrors, path: string): string | undefined => {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  const inner = Object.keys(errors).find((k) => k.startsWith(prefix));
  return inner ? errors[inner] : undefined;
};
