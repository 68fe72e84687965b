import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOffer } from '#shared/services/offers/offer-create';
import { listOffers } from '#shared/services/offers/offer-list';
import type { OrgEntityRef } from '#shared/domain/primitives';
import { testContext } from '../support/context';
import { eachDialect, freshDb, type TestDb } from '../../../helpers/db';
import { offerConfig } from '../support/offer-fixture';
import { buildOrg } from '../support/org-fixture';

eachDialect('offers: list of those redeemable at a store', (dialect) => {
  let db: TestDb;
  let t: ReturnType<typeof testContext>;
  const names = async (redeemableAt?: string) =>
    (
      await listOffers(
        { sort: 'created', limit: 100, offset: 0, ...(redeemableAt ? { redeemableAt } : {}) },
        t.ctx,
      )
    ).items
      .map((i) => i.name)
      .sort();

  beforeAll(async () => {
    db = await freshDb(dialect);
    t = testContext(db.sql, '2025-03-01T00:00:00.000Z');
    await buildOrg(t.ctx);
    const make = (name: string, stores: OrgEntityRef[]) =>
      createOffer(
        offerConfig({ name, redemption: { ...offerConfig().redemption, stores } }),
        t.ctx,
      );
    await make('everywhere', []);
    await make('store S1', [{ type: 'STORE', id: 'S1' }]);
    await make('till of S1', [{ type: 'TILL', id: 'TS1-2' }]);
    await make('zone Z1', [{ type: 'ZONE', id: 'Z1' }]);
    await make('concept C1', [{ type: 'CONCEPT', id: 'C1' }]);
    await make('Dubai only', [{ type: 'STORE', id: 'S3' }]);
    await make('zone Z2 or S2', [
      { type: 'ZONE', id: 'Z2' },
      { type: 'STORE', id: 'S2' },
    ]);
  });
  afterAll(() => db.close());

  it('takes in offers with no store scope and those naming the store, its till, zone or concept', async () => {
    expect(await names('S1')).toEqual([
      'concept C1',
      'everywhere',
      'store S1',
      'till of S1',
      'zone Z1',
    ]);
    expect(await names('S3')).toEqual(['Dubai only', 'concept C1', 'everywhere', 'zone Z2 or S2']);
    expect(await names('S2')).toEqual(['concept C1', 'everywhere', 'zone Z1', 'zone Z2 or S2']);
  });

  it('counts what it lists, and without a store lists every offer', async () => {
    const page = await listOffers(
      { sort: 'created', limit: 2, offset: 0, redeemableAt: 'S1' },
      t.ctx,
    );
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(5);
    expect(await names()).toHaveLength(7);
    expect(await names('NO-SUCH-STORE')).toEqual(['everywhere']);
  });
});
