import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '#shared/api/http-client';
import { createHandlers } from '#shared/services/handlers';
import { composeHost } from '#server/platform/host/compose-host';
import { freshPglite, type TestDb } from '../../../helpers/db';

let db: TestDb | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const recipe = (test: TestDb, events: string[]) => ({
  host: 'till' as const,
  handlers: createHandlers(),
  context: { sql: test.sql, now: () => new Date(), host: 'till' as const },
  log: (line: string) => events.push(`log ${line}`),
  resolvePrincipal: async () => null,
  closeStore: async () => {
    events.push('store closed');
  },
});

describe('composeHost: the one way a till or a hub is put together', () => {
  it('serves the API, starts background work after it, and closes in reverse order once', async () => {
    db = await freshPglite();
    const events: string[] = [];
    const host = await composeHost({
      ...recipe(db, events),
      http: { port: 0, hostname: '127.0.0.1' },
      route: (_dispatcher, direct) => ({
        dispatch: direct,
        stop: async () => {
          events.push('router stopped');
        },
      }),
      background: [
        () => ({ stop: async () => void events.push('first stopped') }),
        () => ({ stop: async () => void events.push('second stopped') }),
      ],
    });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Anonymous, so the dispatcher answers with its own refusal: the API is really served.
    await expect(createHttpClient(host.url ?? '').send('offers-list', {})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });

    await Promise.all([host.close(), host.close()]);
    expect(events.filter((e) => !e.startsWith('log'))).toEqual([
      'second stopped',
      'first stopped',
      'router stopped',
      'store closed',
    ]);
    await expect(fetch(`${host.url}/api/v1/offers`)).rejects.toThrow();
  });

  it('undoes what it started when a later step fails, and reports the failure', async () => {
    db = await freshPglite();
    const events: string[] = [];
    await expect(
      composeHost({
        ...recipe(db, events),
        background: [
          () => ({ stop: async () => void events.push('first stopped') }),
          () => {
            throw new Error('scheduler would not start');
          },
        ],
      }),
    ).rejects.toThrow('scheduler would not start');
    expect(events.filter((e) => !e.startsWith('log'))).toEqual(['first stopped', 'store closed']);
  });
});
