import { apiErrorCodes } from './errors';
import { z } from 'zod';
import type { OperationDef } from './define';
import { operations } from './operations';
import { API_PREFIX, pathParams, toOpenApiPath } from './routes';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: {
          type: 'string',
          enum: [...apiErrorCodes],
        },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

const errorResponses: Record<string, string> = {
  '400':
    'The input is invalid (including text with NUL characters or that is not UTF-8); details lists each field and why',
  '401': 'Not signed in, the token has expired, or (sign-in) the username or password is wrong',
  '403': 'The role or store scope does not allow this, or the account is disabled',
  '404': 'Not found',
  '409': 'Conflicts with the current state',
  '413':
    'The request body is larger than this operation accepts (1 MiB for JSON; CSV uploads more)',
  '422': 'A business rule refused the request',
  '429': 'Too many attempts; wait before trying again',
  '500': 'The server failed unexpectedly; the error is logged, its text is not shown',
  '503':
    'This host cannot answer it: a till that cannot reach the hub, or an operation served by the other host',
};

/** Operations that answer 429 when called too often (sign-in throttling). */
const throttled = new Set(['auth-login']);

/** The error statuses an operation can answer, in order. */
const errorStatusesOf = (name: string, op: OperationDef): string[] =>
  Object.keys(errorResponses).filter((status) => {
    if (status === '413') return op.method !== 'GET';
    if (status === '429') return throttled.has(name);
    return true;
  });

/**
 * zod's JSON Schema is exact but trips two lint rules, fixed here without changing meaning:
 * `anyOf` with an empty (match-anything) branch is just "anything", and a record keyed by an
 * enum lists its keys as `required` without `properties` (each takes the value schema).
 */
const tidy = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, tidy(value)]),
  );
  const anyOf = out.anyOf;
  if (
    Array.isArray(anyOf) &&
    anyOf.some((b) => typeof b === 'object' && b !== null && Object.keys(b).length === 0)
  ) {
    delete out.anyOf;
  }
  const extra = out.additionalProperties;
  if (Array.isArray(out.required) && typeof extra === 'object' && extra !== null) {
    const properties = { ...out.properties };
    for (const key of out.required) properties[key] ??= extra as JsonSchema;
    out.properties = properties;
  }
  return out;
};

/** Request schemas describe what callers send (defaults optional); responses what they get. */
const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const json = tidy(z.toJSONSchema(schema, { io, unrepresentable: 'any' })) as JsonSchema;
  delete json.$schema;
  return json;
};

const tagOf = (name: string): string => name.split('-')[0] ?? name;

const describeOperation = (name: string, op: OperationDef): Record<string, unknown> => {
  const input = toSchema(op.input, 'input');
  const inPath = new Set(pathParams(op.path));
  const properties = input.properties ?? {};
  const required = new Set(input.required ?? []);
  const parameter = (field: string, where: 'path' | 'query') => ({
    name: field,
    in: where,
    required: where === 'path' || required.has(field),
    schema: properties[field] ?? { type: 'string' },
  });
  const restOf = (exclude: Set<string>): JsonSchema => ({
    ...input,
    properties: Object.fromEntries(Object.entries(properties).filter(([k]) => !exclude.has(k))),
    required: [...required].filter((k) => !exclude.has(k)),
  });

  const parameters: unknown[] = [...inPath].map((field) => parameter(field, 'path'));
  let requestBody: unknown;
  if (op.method === 'GET') {
    for (const field of Object.keys(properties)) {
      if (!inPath.has(field)) parameters.push(parameter(field, 'query'));
    }
  } else if (op.body === 'csv') {
    for (const field of Object.keys(properties)) {
      if (!inPath.has(field) && field !== 'csv') parameters.push(parameter(field, 'query'));
    }
    requestBody = {
      required: true,
      content: { 'text/csv': { schema: { type: 'string', description: 'CSV with a header row' } } },
    };
  } else {
    requestBody = {
      required: true,
      content: {
        'application/json': { schema: input.properties ? restOf(inPath) : input },
      },
    };
  }

  const success =
    op.response === 'csv'
      ? { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }
      : {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(op.output, 'output') } },
        };
  const open = op.roles.includes('any');
  const people = op.roles.some((role) => role !== 'any');
  return {
    operationId: name,
    summary: op.summary,
    tags: [tagOf(name)],
    'x-roles': op.roles,
    // Open to anyone; those that also list roles take a token when there is one (optional).
    security: open ? (people ? [{}, { bearer: [] }] : []) : [{ bearer: [] }],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': success,
      ...Object.fromEntries(
        errorStatusesOf(name, op).map((status) => [
          status,
          {
            description: errorResponses[status],
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
};

/** The OpenAPI 3.1 document of every operation, generated from the same zod schemas. */
export const createOpenApiDocument = (
  info: { title?: string; version?: string } = {},
  table: Record<string, OperationDef> = operations,
): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of Object.entries(table)) {
    const route = toOpenApiPath(op.path);
    paths[route] = { ...paths[route], [op.method.toLowerCase()]: describeOperation(name, op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'Counterfoil API',
      version: info.version ?? '1',
      description:
        'Offers, coupons, issuance and redemption. Sign in with POST /auth/login and send ' +
        'the token as `Authorization: Bearer <token>`. Errors are `{ error: { code, message, details } }`.',
    },
    servers: [{ url: API_PREFIX }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
};
