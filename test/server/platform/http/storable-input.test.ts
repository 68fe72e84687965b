import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOperation } from './api-call';
import { startHubFixture, type HubFixture } from './hub-fixture';

type ErrorJson = { error: { code: string; details: { path: string }[] } };

/**
 * Inputs that pass a naive schema but that PostgreSQL refuses to store or cast used to answer
 * 500 (found by fuzz.test.ts). On the real hub each is now a 400 naming the field.
 */
describe('values PostgreSQL cannot take are 400s naming the field (hub on PGlite)', () => {
  let hub: HubFixture;
  beforeAll(async () => {
    hub = await startHubFixture();
  }, 60_000);
  afterAll(() => hub?.close());

  const cases: [string, string, Record<string, unknown>, string][] = [
    ['year 0000', 'audit-list', { from: '0000-01-01T00:00:00Z' }, 'from'],
    ['offset past ±15:59', 'audit-list', { to: '2025-01-01T00:00:00+23:59' }, 'to'],
    ['impossible cursor date', 'audit-list', { cursor: '7856-93-62T28:83:16Z~1' }, 'cursor'],
    [
      'cursor id past bigint',
      'audit-list',
      { cursor: '2025-03-10T06:30:00.000Z~9999999999999999999' },
      'cursor',
    ],
    [
      'transactionCount past integer',
      'customers-create',
      { externalId: 'X1', transactionCount: 2 ** 31 },
      'transactionCount',
    ],
    ['NUL in text', 'customers-create', { externalId: 'X\u00002' }, 'externalId'],
  ];

  for (const [what, name, input, field] of cases) {
    it(`${what} (${name})`, async () => {
      const bugsBefore = hub.internalErrors.length;
      const res = await callOperation(hub.server, name, input, hub.tokens.admin);
      expect(res.status).toBe(400);
      const { error } = res.json as ErrorJson;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.details[0]?.path).toBe(field);
      expect(hub.internalErrors.slice(bugsBefore)).toEqual([]);
    });
  }

  it('still takes the edges PostgreSQL does store', async () => {
    for (const from of ['0001-01-01T00:00:00Z', '2025-01-01T00:00:00+15:59']) {
      const res = await callOperation(hub.server, 'audit-list', { from }, hub.tokens.admin);
      expect(res.status, from).toBe(200);
    }
    const max = await callOperation(
      hub.server,
      'customers-create',
      { externalId: 'X3', transactionCount: 2 ** 31 - 1 },
      hub.tokens.admin,
    );
    expect(max.status).toBe(200);
  });
});
