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

const errorResponses = {
  '400': 'The input is invalid; details lists each field and why',
  '401': 'Not signed in, or the token has expired',
  '403': 'The role or store scope does not allow this',
  '404': 'Not found',
  '409': 'Conflicts with the current state',
  '422': 'A business rule refused the request',
};

/** Request schemas describe what callers send (defaults optional); responses what they get. */
const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
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
  return {
    operationId: name,
    summary: op.summary,
    tags: [tagOf(name)],
    'x-roles': op.roles,
    security: open ? [] : [{ bearer: [] }],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': success,
      ...Object.fromEntries(
        Object.entries(errorResponses)
          .filter(([status]) => !(open && (status === '401' || status === '403')))
          .map(([status, description]) => [
            status,
            {
              description,
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
