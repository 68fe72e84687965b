import { afterAll, beforeAll, expect, it } from 'vitest';
import { allOperations } from '../../../helpers/all-operations';
import { couponStatusAt } from '#shared/engine/index';
import { seedDemo, demoUsers } from '#shared/services/demo/seed-demo';
import { loadOffersByIds } from '#shared/services/offers/offer-repo';
import { listSeriesByOrgEntity } from '#shared/services/series/series-list';
import { couponFromRow, couponColumns, type CouponRow } from '#shared/services/coupons/coupon-row';
import { authHandlers } from '#shared/services/auth/index';
import { testContext } from '../support/context';
import { eachDialect, freshDb, type TestDb } from '../../../helpers/db';

const NOW = new Date('2025-06-18T09:00:00.000Z');

eachDialect('demo seed', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());

  it('seeds a realistic org through the services, then is a no-op the second time', async () => {
    const first = await seedDemo(db.sql, NOW, {
      passwordIterations: 1000,
      dispatcher: allOperations(),
    });
    expect(first.seeded).toBe(true);
    const count = async (table: string) =>
      (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;
    const before = {
      org: await count('org_entities'),
      customers: await count('customers'),
      offers: await count('offers'),
      coupons: await count('coupons'),
      redemptions: await count('redemptions'),
      users: await count('users'),
    };
    expect(before).toMatchObject({ org: 20, customers: 50, users: 4 });
    const second = await seedDemo(db.sql, new Date(NOW.getTime() + 3_600_000), {
      dispatcher: allOperations(),
      passwordIterations: 1000,
    });
    expect(second.seeded).toBe(false);
    expect({
      org: await count('org_entities'),
      customers: await count('customers'),
      offers: await count('offers'),
      coupons: await count('coupons'),
      redemptions: await count('redemptions'),
      users: await count('users'),
    }).toEqual(before);
    const users = await db.sql.query<{ username: string; role: string }>(
      'SELECT username, role FROM users ORDER BY username',
    );
    expect(users.map((u) => [u.username, u.role])).toEqual(
      [...demoUsers]
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((u) => [u.username, u.role]),
    );
  });

  it('has two time zones and currencies, every code method, and coupons in every state', async () => {
    const stores = await db.sql.query<{ time_zone: string; currency: string }>(
      "SELECT DISTINCT time_zone, currency FROM org_entities WHERE type = 'STORE' ORDER BY 1",
    );
    expect(stores).toEqual([
      { time_zone: 'Asia/Dubai', currency: 'AED' },
      { time_zone: 'Asia/Kolkata', currency: 'INR' },
    ]);
    const methods = await db.sql.query<{ code_method: string }>(
      'SELECT DISTINCT code_method FROM offers ORDER BY 1',
    );
    expect(methods.map((m) => m.code_method)).toEqual([
      'COMMON',
      'RANDOMIZED_COMMON',
      'UNIQUE_AUTO',
      'UPLOADED',
    ]);
    const rows = await db.sql.query<CouponRow>(`SELECT ${couponColumns} FROM coupons c`);
    const ids = [...new Set(rows.map((r) => String(r.offer_id)))];
    const offers = new Map((await loadOffersByIds(db.sql, ids)).map((o) => [o.id, o]));
    const states = new Set(
      rows.map((r) => {
        const c = couponFromRow(r);
        return couponStatusAt(c, NOW.toISOString(), offers.get(c.offerId)!);
      }),
    );
    expect([...states].sort()).toEqual(['ACTIVE', 'EXPIRED', 'REDEEMED', 'REVOKED', 'UNISSUED']);
    const reversed = await db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coupons WHERE is_reversed',
    );
    expect(reversed[0]?.n).toBeGreaterThan(0);
    const claims = await db.sql.query<{ claim_consumer_type: string }>(
      'SELECT claim_consumer_type FROM offers WHERE claim_consumer_type IS NOT NULL ORDER BY 1',
    );
    expect(claims.map((c) => c.claim_consumer_type)).toEqual(['DVS', 'LOYALTY', 'OUTBOUND']);
  });

  it('series look-up on the demo: a zone returns zone tags only, not its stores', async () => {
    const { ctx } = testContext(db.sql, NOW);
    const names = async (orgEntityType: 'ZONE' | 'STORE' | 'TILL' | 'CONCEPT', ids: string[]) =>
      (await listSeriesByOrgEntity({ orgEntityType, orgEntityIds: ids }, ctx)).items
        .map((i) => i.offerCode)
        .sort();
    expect(await names('ZONE', ['Z-NORTH'])).toEqual(['DEMO-FLAT500']);
    expect(await names('ZONE', ['Z-SOUTH'])).toEqual(['DEMO-MONSOON']);
    expect(await names('STORE', ['S-BLR'])).toEqual(['DEMO-BLR300']);
    expect(await names('STORE', ['S-DEL', 'S-NOI'])).toEqual([]);
    expect(await names('TILL', ['S-DXB-T1'])).toEqual(['DEMO-DXB-EXPRESS']);
    expect(await names('CONCEPT', ['C-FASHION', 'C-GROCERY'])).toEqual([
      'DEMO-GULF25',
      'DEMO-WELCOME',
    ]);
    expect(await names('ZONE', ['NOPE'])).toEqual([]);
  });

  it('every printed demo sign-in works', async () => {
    const { ctx } = testContext(db.sql, NOW);
    for (const u of demoUsers) {
      const out = await authHandlers['auth-login'](
        { username: u.username, password: u.password },
        ctx,
      );
      expect(out.user).toEqual({
        userId: expect.any(String),
        username: u.username,
        role: u.role,
        storeIds: u.storeIds,
      });
    }
  });
});
