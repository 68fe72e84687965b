import type { HttpMethod, OperationDef } from '../../src-shared/api/define';

/** Every operation is mounted under this prefix by the HTTP transports. */
export const apiPrefix = '/api/v1';

export type HttpRequest = {
  method: HttpMethod;
  /** Path and query, relative to the origin. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
};

type RouteShape = Pick<OperationDef, 'method' | 'path' | 'body'>;

const paramNames = (path: string): string[] =>
  [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');

const queryValue = (v: unknown): string =>
  typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

/** Query string with arrays repeated (?a=1&a=2) and undefined/null fields left out. */
export const toQueryString = (fields: Record<string, unknown>): string => {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) qs.append(key, queryValue(item));
    else qs.append(key, queryValue(value));
  }
  const text = qs.toString();
  return text ? `?${text}` : '';
};

/**
 * Maps one operation call onto HTTP as the server mounts it: path params are cut out of the
 * input; GET sends the rest as query, `body: 'csv'` sends `csv` as text/csv and the rest as
 * query, every other method sends the rest as JSON.
 */
export const buildHttpRequest = (
  def: RouteShape,
  input: Record<string, unknown>,
  token: string | null,
): HttpRequest => {
  const rest: Record<string, unknown> = { ...input };
  let path = def.path;
  for (const name of paramNames(def.path)) {
    const value = rest[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${name} is required to call ${def.method} ${def.path}`);
    }
    path = path.replace(`:${name}`, encodeURIComponent(String(value)));
    delete rest[name];
  }
  const headers: Record<string, string> = { accept: 'application/json, text/csv' };
  if (token) headers.authorization = `Bearer ${token}`;

  if (def.method === 'GET' || def.method === 'DELETE') {
    return {
      method: def.method,
      url: apiPrefix + path + toQueryString(rest),
      headers,
      body: undefined,
    };
  }
  if (def.body === 'csv') {
    const csv = rest.csv;
    delete rest.csv;
    headers['content-type'] = 'text/csv; charset=utf-8';
    return {
      method: def.method,
      url: apiPrefix + path + toQueryString(rest),
      headers,
      body: typeof csv === 'string' ? csv : '',
    };
  }
  headers['content-type'] = 'application/json';
  return { method: def.method, url: apiPrefix + path, headers, body: JSON.stringify(rest) };
};
