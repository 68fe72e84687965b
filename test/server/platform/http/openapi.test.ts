import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDef } from '#shared/api/define';
import { apiErrorCodes } from '#shared/api/errors';
import { operations } from '#shared/api/operations';
import { request, startHarness, type Harness } from './harness';

type OpenApiOperation = {
  operationId: string;
  summary: string;
  'x-roles': string[];
  security: unknown[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type OpenApiDoc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
};

type ErrorSchemaDoc = {
  components: {
    schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } };
  };
};

const table: Record<string, OperationDef> = operations;

describe('GET /api/v1/openapi.json', () => {
  let h: Harness;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    h = await startHarness();
    const res = await request(h.server, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.json as OpenApiDoc;
  });
  afterAll(() => h.server.close());

  const find = (name: string) => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.operationId === name) return { path, method, op };
      }
    }
    return undefined;
  };

  it('is OpenAPI 3.1 served under /api/v1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
  });

  it('lists every operation with its route, method, roles and summary, and nothing else', () => {
    const listed = Object.values(doc.paths).flatMap((m) =>
      Object.values(m).map((o) => o.operationId),
    );
    expect(listed.sort()).toEqual(Object.keys(operations).sort());
    for (const [name, def] of Object.entries(table)) {
      const found = find(name);
      expect(found?.path, name).toBe(def.path.replace(/:(\w+)/g, '{$1}'));
      expect(found?.method, name).toBe(def.method.toLowerCase());
      expect(found?.op['x-roles'], name).toEqual(def.roles);
      expect(found?.op.summary, name).toBe(def.summary);
    }
  });

  it('describes path and query parameters of GET operations', () => {
    const offersList = find('offers-list')?.op;
    expect(offersList?.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
      [
        'query:activeOnly',
        'query:limit',
        'query:offset',
        'query:q',
        'query:redeemableAt',
        'query:sort',
      ].sort(),
    );
    const coupon = find('coupons-get')?.op;
    expect(coupon?.parameters).toEqual([
      expect.objectContaining({ name: 'code', in: 'path', required: true }),
    ]);
  });

  it('describes JSON bodies without the path parameters, defaults as optional', () => {
    const issue = find('coupons-issue')?.op;
    const schema = issue?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties).sort()).toEqual(['code', 'customer', 'issuedAt']);
    expect(schema.required).toEqual(['customer']);
    const redeem = find('redemptions-redeem')?.op;
    const redeemSchema = redeem?.requestBody?.content['application/json']?.schema as {
      required: string[];
    };
    // items has a default, so callers may leave it out.
    expect(redeemSchema.required).not.toContain('items');
    expect(redeemSchema.required).toContain('billAmount');
  });

  it('describes CSV uploads and downloads as text/csv', () => {
    const upload = find('uploads-create')?.op;
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['text/csv']);
    expect(upload?.parameters.map((p) => p.name).sort()).toEqual(['fileName', 'id', 'kind']);
    const issues = find('uploads-issues')?.op;
    expect(Object.keys(issues?.responses['200']?.content ?? {})).toEqual(['text/csv']);
  });

  it('lists 401, 403, 500, 503 everywhere, 413 where there is a body and 429 on sign-in', () => {
    for (const [name, def] of Object.entries(table)) {
      const statuses = Object.keys(find(name)?.op.responses ?? {});
      expect(statuses, name).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '500', '503']),
      );
      expect(statuses.includes('413'), name).toBe(def.method !== 'GET');
    }
    expect(Object.keys(find('auth-login')?.op.responses ?? {})).toContain('429');
    expect(Object.keys(find('offers-list')?.op.responses ?? {})).not.toContain('429');
    const error = find('auth-login')?.op.responses['401']?.content?.['application/json'];
    expect(error).toEqual({ schema: { $ref: '#/components/schemas/Error' } });
  });

  it('enumerates every error code in the Error schema', () => {
    const schema = (doc as unknown as ErrorSchemaDoc).components.schemas.Error;
    expect(schema.properties.error.properties.code.enum).toEqual([...apiErrorCodes]);
    expect(apiErrorCodes).toEqual(expect.arrayContaining(['PAYLOAD_TOO_LARGE', 'RATE_LIMITED']));
  });

  it('marks sign-in as open and everything else as bearer-authenticated', () => {
    expect(find('auth-login')?.op.security).toEqual([]);
    expect(find('offers-create')?.op.security).toEqual([{ bearer: [] }]);
    expect(find('offers-create')?.op.responses['403']).toBeDefined();
    // Registering a till: an enrolment code alone, or an admin's token.
    expect(find('sync-register')?.op.security).toEqual([{}, { bearer: [] }]);
  });
});
