import type { OperationDef } from '#shared/api/define';
import { operations } from '#shared/api/operations';
import { API_PREFIX, pathParams } from '#shared/api/routes';
import type { RunningServer } from '#server/platform/http/listen';

const table: Record<string, OperationDef> = operations;

export type CallResult = { status: number; json: unknown; ms: number; request: string };

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the 3 bytes
 * it would take in CESU-8: not UTF-8, so the server must refuse it rather than the client.
 */
export const encodeLoose = (text: string): string => {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += hex(0xe0 | (cp >> 12)) + hex(0x80 | ((cp >> 6) & 0x3f)) + hex(0x80 | (cp & 0x3f));
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
};

const asText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

const queryOf = (fields: Record<string, unknown>): string => {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === undefined) continue;
      parts.push(`${encodeLoose(key)}=${encodeLoose(asText(v))}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

/**
 * Calls an operation over HTTP the way the typed client lays it out (path params in the URL,
 * the rest as query or JSON body, `csv` as a text/csv body) but with any input at all, and
 * answers the raw status: for role and fuzz tests, where the input is not meant to be valid.
 */
export const callOperation = async (
  server: RunningServer,
  name: string,
  input: Record<string, unknown>,
  token?: string,
  timeoutMs = 10_000,
): Promise<CallResult> => {
  const op = table[name] as OperationDef;
  const params = new Set(pathParams(op.path));
  const path = op.path.replace(/:([A-Za-z0-9_]+)/g, (_, p: string) =>
    encodeLoose(input[p] === undefined ? 'x' : asText(input[p])),
  );
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !params.has(k)));
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let query = '';
  let body: string | undefined;
  if (op.method === 'GET') {
    query = queryOf(rest);
  } else if (op.body === 'csv') {
    const { csv, ...others } = rest;
    query = queryOf(others);
    body = asText(csv ?? '');
    headers['content-type'] = 'text/csv; charset=utf-8';
  } else {
    body = JSON.stringify(rest);
    headers['content-type'] = 'application/json';
  }
  const url = `${server.url}${API_PREFIX}${path}${query}`;
  const request = `${op.method} ${url.slice(server.url.length, server.url.length + 300)}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: op.method,
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, ms: performance.now() - started, request };
};
