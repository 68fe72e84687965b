import type { ApiClient } from './client';
import type { OperationDef } from './define';
import { ApiError, type ApiErrorBody, type ApiErrorCode } from './errors';
import { operations, type OperationName, type OpInput, type OpOutput } from './operations';
import { API_PREFIX, fillPath, toQueryString, withoutPathParams } from './routes';

/** The part of WHATWG fetch this client uses; src-shared has no DOM typing to take it from. */
type FetchResponse = {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown },
) => Promise<FetchResponse>;

export type HttpClientOptions = {
  /** Defaults to the global fetch (Node 20+, Electron, browsers). */
  fetch?: FetchLike;
};

const table: Record<string, OperationDef> = operations;

const isErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: { code?: unknown } }).error?.code === 'string';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const codeForStatus = (status: number): ApiErrorCode =>
  status === 401
    ? 'UNAUTHENTICATED'
    : status === 403
      ? 'FORBIDDEN'
      : status === 404
        ? 'NOT_FOUND'
        : status >= 500
          ? 'UNAVAILABLE'
          : 'INVALID_INPUT';

/**
 * Typed client over the HTTP API (tests, and tills talking to the hub). Network failures
 * reject with ApiError UNAVAILABLE so a till can tell "offline" from "refused".
 */
export const createHttpClient = (
  baseUrl: string,
  token?: string,
  options: HttpClientOptions = {},
): ApiClient => {
  const root = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch ?? missingFetch;

  const send = async <K extends OperationName>(name: K, input: OpInput<K>) => {
    const op = table[name];
    if (!op) throw new ApiError('NOT_FOUND', `no operation named ${name}`);
    const fields = (input ?? {}) as Record<string, unknown>;
    const rest = withoutPathParams(op.path, fields);
    const headers: Record<string, string> = { accept: 'application/json, text/csv' };
    if (token) headers.authorization = `Bearer ${token}`;
    let query = '';
    let body: string | undefined;
    if (op.method === 'GET') {
      query = toQueryString(rest);
    } else if (op.body === 'csv') {
      const { csv, ...others } = rest;
      query = toQueryString(others);
      body = typeof csv === 'string' ? csv : '';
      headers['content-type'] = 'text/csv; charset=utf-8';
    } else {
      body = JSON.stringify(rest);
      headers['content-type'] = 'application/json';
    }
    const url = `${root}${API_PREFIX}${fillPath(op.path, fields)}${query}`;

    let response: FetchResponse;
    try {
      response = await doFetch(url, { method: op.method, headers, body });
    } catch (error) {
      throw new ApiError(
        'UNAVAILABLE',
        `cannot reach ${root}: ${describe(error)}`,
        { url },
        { reached: false },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const parsed = parseJson(text);
      if (isErrorBody(parsed)) throw ApiError.fromBody(parsed);
      throw new ApiError(
        codeForStatus(response.status),
        `${op.method} ${url} answered ${response.status}`,
        { status: response.status, body: text.slice(0, 500) },
      );
    }
    if (op.response === 'csv') return { csv: text } as OpOutput<K>;
    const parsed = parseJson(text);
    if (parsed === undefined) {
      throw new ApiError(
        'UNAVAILABLE',
        `${op.method} ${url} answered with a body that is not JSON`,
      );
    }
    return parsed as OpOutput<K>;
  };
  return { send };
};

const describe = (error: unknown): string =>
  error instanceof Error
    ? error.message + (error.cause instanceof Error ? ` (${error.cause.message})` : '')
    : String(error);

const missingFetch: FetchLike = () => Promise.reject(new Error('this runtime has no fetch'));
