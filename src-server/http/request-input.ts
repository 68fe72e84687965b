import type { Context } from 'hono';
import type { OperationDef } from '../../src-shared/api/define';
import { ApiError } from '../../src-shared/api/errors';

/** Query strings repeat keys for lists; a single value stays a plain string. */
const queryFields = (c: Context): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
};

const parseJsonObject = (text: string): Record<string, unknown> => {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      'INVALID_INPUT',
      `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      [{ path: '', message: 'body must be a JSON object' }],
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('INVALID_INPUT', 'the request body must be a JSON object', [
      { path: '', message: 'body must be a JSON object' },
    ]);
  }
  return parsed as Record<string, unknown>;
};

/**
 * An operation's raw input from an HTTP request: GET takes path params and query; others take
 * path params and a JSON body; `body: 'csv'` takes the raw text as `csv` plus query params.
 * Path params win over body fields of the same name: the URL names the resource.
 */
export const readInput = async (c: Context, op: OperationDef): Promise<Record<string, unknown>> => {
  const params = c.req.param() as Record<string, string>;
  if (op.method === 'GET') return { ...queryFields(c), ...params };
  const text = await c.req.text();
  if (op.body === 'csv') return { ...queryFields(c), csv: text, ...params };
  return { ...parseJsonObject(text), ...params };
};
