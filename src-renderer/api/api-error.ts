import { apiErrorCodes, type ApiErrorCode } from '../../src-shared/api/errors';

/** One problem with one input field, as INVALID_INPUT reports it. */
export type FieldIssue = { path: string; message: string };

/**
 * An error answered by the API (or the transport failing to reach it), typed so screens can
 * branch on `code` and put `fieldIssues` next to the fields they name.
 */
export class ApiClientError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  /** HTTP status where there was one; 0 when the server could not be reached. */
  readonly status: number;
  constructor(code: ApiErrorCode, message: string, details: unknown = null, status = 0) {
    super(message);
    this.name = 'ApiClientError';
    this.code = code;
    this.details = details;
    this.status = status;
  }

  /** Field-level issues from INVALID_INPUT or IMMUTABLE_FIELD details, with dotted paths. */
  get fieldIssues(): FieldIssue[] {
    return fieldIssuesOf(this.details, this.message);
  }

  /** True when the request may or may not have reached the backend (retry with the same id). */
  get outcomeUnknown(): boolean {
    return this.code === 'UNAVAILABLE' && this.status === 0;
  }
}

const pathText = (p: unknown): string | null => {
  if (typeof p === 'string') return p;
  if (Array.isArray(p)) return p.map(String).join('.');
  return null;
};

/**
 * Reads the shapes the API uses for field details: [{path, message}], {path|field, message},
 * {fields: [...]}. Paths may be arrays (zod) or dotted strings.
 */
export const fieldIssuesOf = (details: unknown, fallbackMessage = ''): FieldIssue[] => {
  if (Array.isArray(details)) {
    return details.flatMap((d) => fieldIssuesOf(d, fallbackMessage));
  }
  if (details && typeof details === 'object') {
    const d = details as Record<string, unknown>;
    if (Array.isArray(d.fields)) {
      return d.fields.flatMap((f) =>
        typeof f === 'string'
          ? [{ path: f, message: fallbackMessage }]
          : fieldIssuesOf(f, fallbackMessage),
      );
    }
    if (Array.isArray(d.issues)) return fieldIssuesOf(d.issues, fallbackMessage);
    const path = pathText(d.path) ?? pathText(d.field);
    if (path !== null) {
      const message = typeof d.message === 'string' ? d.message : fallbackMessage;
      return [{ path, message }];
    }
  }
  return [];
};

/** The message a person should read for any thrown value. */
export const errorMessage = (e: unknown): string => {
  if (e instanceof ApiClientError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
};

const knownCodes: readonly ApiErrorCode[] = apiErrorCodes;

/** Turns an `{ error: { code, message, details } }` body into an error, or null if it is not one. */
export const errorFromBody = (body: unknown, status = 0): ApiClientError | null => {
  if (!body || typeof body !== 'object' || !('error' in body)) return null;
  const err = (body as { error: unknown }).error;
  if (!err || typeof err !== 'object') return null;
  const { code, message, details } = err as Record<string, unknown>;
  if (typeof message !== 'string') return null;
  const known = knownCodes.find((c) => c === code) ?? 'INTERNAL';
  return new ApiClientError(known, message, details ?? null, status);
};
