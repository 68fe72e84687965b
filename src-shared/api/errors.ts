import { fieldIssuesOf, type FieldIssue } from './field-issues';

/** Typed errors; every transport renders them as { error: { code, message, details } }. */
export const apiErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'IMMUTABLE_FIELD',
  'RULE_FAILED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

const statusOf: Record<ApiErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IMMUTABLE_FIELD: 422,
  RULE_FAILED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; details: unknown } };

export type ApiErrorOptions = {
  /**
   * False when the caller never got an answer (refused connection, timeout, a backend that
   * died mid-call): the request may or may not have been carried out.
   */
  reached?: boolean;
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  readonly reached: boolean;
  constructor(
    code: ApiErrorCode,
    message: string,
    details: unknown = null,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.reached = options.reached ?? true;
  }
  /** The HTTP status this error answers with; 0 when no answer came. */
  get status(): number {
    return this.reached ? statusOf[this.code] : 0;
  }
  /** The request may have been carried out or not (retry with the same client id). */
  get outcomeUnknown(): boolean {
    return !this.reached;
  }
  /** Field-level problems from INVALID_INPUT or IMMUTABLE_FIELD details, with dotted paths. */
  get fieldIssues(): FieldIssue[] {
    return fieldIssuesOf(this.details, this.message);
  }
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
  /** From an `{ error }` body; a code this version does not know becomes INTERNAL, message kept. */
  static fromBody(body: ApiErrorBody): ApiError {
    const code = apiErrorCodes.find((c) => c === body.error.code) ?? 'INTERNAL';
    return new ApiError(code, body.error.message, body.error.details ?? null);
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError('NOT_FOUND', `${what} ${id} does not exist`, { what, id });
