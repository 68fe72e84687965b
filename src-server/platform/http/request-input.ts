import type { Context } from 'hono';
import type { OperationDef } from '#shared/api/define';
import { ApiError } from '#shared/api/errors';
import { describeIssues, type InputIssue } from '#shared/api/input-issues';
import { API_PREFIX } from '#shared/api/routes';
import { badTextReason, findBadText } from '#shared/api/text-hygiene';
import { decodeLenient, decodeUtf8, readBodyBytes } from './request-body';

const invalid = (issues: InputIssue[], message = describeIssues(issues)): ApiError =>
  new ApiError('INVALID_INPUT', message, issues);

/**
 * Strict percent-decoding. Hono (like URLSearchParams) keeps a malformed escape as typed and
 * turns bytes that are not UTF-8 into U+FFFD; here both are the caller's error, named.
 */
const decodeComponent = (raw: string, field: string, plusIsSpace: boolean): string => {
  let text: string;
  try {
    text = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    throw invalid([{ path: field, message: 'is not valid percent-encoded UTF-8' }]);
  }
  const reason = badTextReason(text);
  if (reason) throw invalid([{ path: field, message: reason }]);
  return text;
};

/** Query strings repeat keys for lists; a single value stays a plain string. */
const queryFields = (url: URL): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeComponent(rawKey, rawKey, true);
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1), key, true);
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
};

/** Path params by position: every `:param` is one whole segment of the route. */
const pathFields = (url: URL, op: OperationDef): Record<string, string> => {
  const route = `${API_PREFIX}${op.path}`.split('/');
  const raw = url.pathname.split('/');
  const out: Record<string, string> = {};
  route.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    out[name] = decodeComponent(raw[i] ?? '', name, false);
  });
  return out;
};

const notJson = (message: string): ApiError =>
  invalid([{ path: '', message: 'body must be a JSON object' }], message);

const parseJsonObject = (text: string): Record<string, unknown> => {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notJson(
      `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw notJson('the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
};

/** The line (1-based) holding the first byte sequence that is not UTF-8; a newline never splits one. */
const firstBadLine = (bytes: Uint8Array): number => {
  let line = 1;
  for (let start = 0; start < bytes.length; line += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    if (decodeUtf8(bytes.subarray(start, end)) === null) return line;
    start = end;
  }
  return line;
};

/** The path of the first string holding U+FFFD: where the invalid bytes landed (best effort). */
const replacementPath = (value: unknown, path = '', depth = 0): string | null => {
  if (typeof value === 'string') return value.includes('\uFFFD') ? path : null;
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  for (const [key, child] of Object.entries(value)) {
    const at = replacementPath(child, path === '' ? key : `${path}.${key}`, depth + 1);
    if (at !== null) return at;
  }
  return null;
};

const notUtf8Json = (bytes: Uint8Array): ApiError => {
  let path = '';
  try {
    path = replacementPath(JSON.parse(decodeLenient(bytes))) ?? '';
  } catch {
    // Not JSON either: the body as a whole is named.
  }
  return invalid([{ path, message: 'is not valid UTF-8' }]);
};

const checkText = (input: Record<string, unknown>): Record<string, unknown> => {
  const bad = findBadText(input);
  if (bad) throw invalid([bad]);
  return input;
};

/**
 * An operation's raw input from an HTTP request: GET takes path params and query; others take
 * path params and a JSON body; `body: 'csv'` takes the raw text as `csv` plus query params.
 * Path params win over body fields of the same name: the URL names the resource. Text that
 * cannot be stored (NUL, not UTF-8, lone surrogates) is refused here with 400 naming the field.
 * The body is read only up to `bodyLimit` bytes (413 past it).
 */
export const readInput = async (
  c: Context,
  op: OperationDef,
  bodyLimit: number,
): Promise<Record<string, unknown>> => {
  const url = new URL(c.req.url);
  const params = pathFields(url, op);
  if (op.method === 'GET') return { ...queryFields(url), ...params };
  const csv = op.body === 'csv';
  const bytes = await readBodyBytes(c.req.raw, bodyLimit, csv);
  const text = decodeUtf8(bytes);
  if (csv) {
    if (text === null) {
      throw invalid([{ path: 'csv', message: `is not valid UTF-8 (line ${firstBadLine(bytes)})` }]);
    }
    return checkText({ ...queryFields(url), csv: text, ...params });
  }
  if (text === null) throw notUtf8Json(bytes);
  return checkText({ ...parseJsonObject(text), ...params });
};
