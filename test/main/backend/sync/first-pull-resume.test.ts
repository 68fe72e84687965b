import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncClient } from '#main/backend/sync/sync-client';
import { ApiError } from '#shared/api/errors';
import type { ApiClient } from '#shared/api/client';
import { applyPage } from '#shared/services/sync/till/apply-page';
import type { PullOutput } from '#shared/sync/protocol';
import { deferIndexes } from '#shared/services/sync/till/bulk-indexes';
import type { SqlPort } from '#shared/sql/port';
import {
  backOffice,
  inDays,
  seedOrg,
  startHubInProcess,
  startTill,
  type Hub,
  type Till,
} from '../../../sync/support/in-process';

const names = [
  'Ada, "the first"',
  'Zoë 山田 🎉',
  'two\nlines',
  '',
  'plain',
  "O'Brien",
  'comma,,comma',
];

/** Everything a first pull should leave in the replica, in a comparable shape. */
const snapshot = async (sql: SqlPort) => ({
  customers: await sql.query(
    'SELECT id, user_id, email, name, registered_at::text AS r FROM customers ORDER BY id',
  ),
  coupons: await sql.query(
    `SELECT id, offer_id, code, customer_id, state, issued_at::text AS i, expires_at::text AS e,
            created_at::text AS c FROM coupons ORDER BY id`,
  ),
});
const indexNames = async (sql: SqlPort) =>
  (
    await sql.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename IN ('coupons', 'customers', 'redemptions')
        ORDER BY indexname`,
    )
  ).map((r) => r.indexname);

describe('a first pull cut mid-way, the till restarted', () => {
  let hub: Hub;
  let till: Till;
  let offerId = '';

  beforeAll(async () => {
    hub = await startHubInProcess('pglite');
    await seedOrg(hub);
    const offer = await hub.call(
      'offers-create',
      {
        name: 'Resume',
        expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
        discount: { type: 'FIXED', amount: '5', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        redemption: { allowAnyone: true },
        syncToInStore: { enabled: true, scope: [] },
      },
      backOffice,
    );
    offerId = offer.id;
    for (const [i, name] of names.entries()) {
      await hub.call(
        'customers-create',
        { userId: String(8000 + i), name, email: `c${i}@x.example`, registeredAt: inDays(-50) },
        backOffice,
      );
      await hub.call(
        'coupons-issue',
        { id: offer.id, customer: { userId: String(8000 + i) } },
        backOffice,
      );
    }
    till = await startTill(hub, 'T1', { pullLimit: 2 });
  }, 60_000);

  afterAll(async () => {
    await till?.db.close();
    await hub?.db.close();
  });

  it('converges on the hub’s rows, with every index and unique constraint back', async () => {
    // The link goes down after three pages of the first pull…
    let pulls = 0;
    const pages: PullOutput[] = [];
    const flaky: ApiClient = {
      send: async (name, input) => {
        if (name === 'sync-pull' && ++pulls > 3)
          throw new ApiError('UNAVAILABLE', 'link cut by the test');
        const out = await till.link.send(name, input);
        if (name === 'sync-pull') pages.push(out as PullOutput);
        return out;
      },
    };
    const first = new SyncClient({ sql: till.sql, hub: flaky, intervalMs: 60_000, pullLimit: 2 });
    await first.syncNow();
    const partial = await snapshot(till.sql);
    expect(partial.customers.length + partial.coupons.length).toBeGreaterThan(0);
    expect(partial.coupons.length).toBeLessThan(names.length);
    // The first pull's big tables came as the hub's binary COPY output, passed through.
    const copied = pages.flatMap((p) => p.chunks).filter((c) => c.copy !== undefined);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((c) => c.rows.length === 0)).toBe(true);
    // …and the process dies right then: the deferred indexes are still dropped, as they would be
    // after a crash (a clean failure already built them back; drop them again to be that till).
    expect(await deferIndexes(till.sql)).toBeGreaterThan(0);
    expect(await indexNames(till.sql)).not.toContain('customers_email_key');

    // Restarted: the next round builds the indexes, resumes from the cursor with upserts.
    const restarted = new SyncClient({
      sql: till.sql,
      hub: till.link,
      intervalMs: 60_000,
      pullLimit: 2,
    });
    await restarted.syncNow();
    const mine = await snapshot(till.sql);
    expect(mine).toEqual(await snapshot(hub.sql));
    expect(mine.customers.map((c) => (c as { name: string }).name).sort()).toEqual(
      [...names].sort(),
    );
    expect(mine.coupons.every((c) => (c as { offer_id: string }).offer_id === offerId)).toBe(true);
    expect(await indexNames(till.sql)).toEqual(await indexNames(hub.sql));
    expect(await till.sql.query('SELECT * FROM till_deferred_indexes')).toEqual([]);

    // A binary page applied again (its rows are all here now) falls back to the upsert of its
    // decoded rows: nothing changes, and pulling on from its cursor converges again.
    const again = pages.find((p) => p.chunks.some((c) => c.copy !== undefined)) as PullOutput;
    await applyPage(till.sql, again, '0', { bulk: true });
    await restarted.syncNow();
    expect(await snapshot(till.sql)).toEqual(await snapshot(hub.sql));

    // Later pulls still upsert: a renamed customer arrives as an update, not a second row.
    await hub.sql.query(`UPDATE customers SET name = 'Renamed, "again"' WHERE user_id = '8004'`);
    await restarted.syncNow();
    expect(await snapshot(till.sql)).toEqual(await snapshot(hub.sql));
  });
});
