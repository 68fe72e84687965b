import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInProcessClient } from '#shared/api/client';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { operations } from '#shared/api/operations';
import { offerDetails } from '#shared/api/operations/offers';
import { createHandlers } from '#shared/services/handlers';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import { backOffice } from './support/context';

it('createHandlers has a function for every operation, and nothing else', () => {
  const handlers = createHandlers() as Record<string, unknown>;
  expect(Object.keys(handlers).sort()).toEqual(Object.keys(operations).sort());
  for (const [name, fn] of Object.entries(handlers)) expect(typeof fn, name).toBe('function');
});

eachDialect('services through the dispatcher', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());
  const clientAs = (principal: Parameters<typeof createInProcessClient>[1]) =>
    createInProcessClient(
      bindDispatch(createDispatcher(createHandlers()), {
        sql: db.sql,
        now: () => new Date('2025-04-01T10:00:00.000Z'),
        host: 'hub',
      }),
      principal,
    );

  it('creates and reads an offer over the API; outputs satisfy their schemas, no key', async () => {
    const api = clientAs(backOffice);
    const created = await api.send('offers-create', {
      name: 'API offer',
      expiry: { type: 'WITH_CAMPAIGN' },
      discount: { type: 'FIXED', amount: '50', currency: 'INR' },
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'ABCDE12345' },
      couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 },
    });
    expect(operations['offers-create'].output.parse(created)).toEqual(created);
    const details = await api.send('offers-get', { id: created.id });
    expect(offerDetails.parse(details)).toEqual(details);
    expect(JSON.stringify(details)).not.toMatch(/key/i);
    const list = await api.send('offers-list', { q: 'api', activeOnly: 'true' });
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
  });

  it('a cashier may list offers but not create one', async () => {
    const cashier = clientAs({
      kind: 'user',
      userId: 'u-c',
      username: 'cashier',
      role: 'cashier',
      storeIds: null,
    });
    await expect(cashier.send('offers-list', {})).resolves.toMatchObject({ total: 1 });
    const e = await cashier
      .send('org-create', { id: 'C9', type: 'CONCEPT', name: 'x' })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('FORBIDDEN');
  });
});
