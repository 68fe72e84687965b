import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimOffer } from '#shared/services/claims/claim-offer';
import { createOffer } from '#shared/services/offers/offer-create';
import { listOffers } from '#shared/services/offers/offer-list';
import { discountLabel } from '#shared/services/offers/offer-summary';
import { updateOffer } from '#shared/services/offers/offer-update';
import { DAY, testContext } from '../support/context';
import { eachDialect, freshDb, type TestDb } from '../../../helpers/db';
import { offerConfig } from '../support/offer-fixture';

const T0 = '2025-03-01T00:00:00.000Z';
const list = (
  t: ReturnType<typeof testContext>,
  over: Partial<Parameters<typeof listOffers>[0]> = {},
) => listOffers({ sort: 'modified', limit: 100, offset: 0, ...over }, t.ctx);

it('discount labels use currency codes and exact amounts', () => {
  expect(discountLabel({ type: 'FIXED', amount: '100', currency: 'INR' }, 'INR')).toBe(
    'INR 100.00 off',
  );
  expect(
    discountLabel(
      { type: 'PERCENT', percent: '10.50', maxDiscount: '200', maxDiscountCurrency: 'AED' },
      'INR',
    ),
  ).toBe('10.5% up to AED 200.00');
  expect(
    discountLabel(
      { type: 'PERCENT', percent: '15', maxDiscount: null, maxDiscountCurrency: null },
      'INR',
    ),
  ).toBe('15% off');
});

eachDialect('offers: list', (dialect) => {
  let db: TestDb;
  let t: ReturnType<typeof testContext>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    db = await freshDb(dialect);
    t = testContext(db.sql, T0);
    // Created one day apart: A (oldest) … E (newest).
    const make = async (key: string, name: string, endsInDays: number | null) => {
      const endsAt =
        endsInDays === null
          ? null
          : new Date(t.ctx.now().getTime() + endsInDays * DAY).toISOString();
      const o = await createOffer(
        offerConfig({
          name,
          expiry: endsAt ? { type: 'FIXED_DATE', endsAt } : { type: 'WITH_CAMPAIGN', endsAt: null },
          couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 },
          discount:
            key === 'B'
              ? { type: 'PERCENT', percent: '10', maxDiscount: '200', maxDiscountCurrency: 'INR' }
              : { type: 'FIXED', amount: '100', currency: 'INR' },
        }),
        t.ctx,
      );
      ids[key] = o.id;
      t.advance(DAY);
    };
    await make('A', 'Summer Sale 10%', 2); // ends 2025-03-03: expired by the 10th
    await make('B', 'Winter SALE', 30);
    await make('C', 'Loyalty gold 100_off', null);
    await make('D', 'Welcome offer', 60);
    t.setNow('2025-03-20T00:00:00.000Z');
    await make('E', 'Future sale', 60); // created "later" than the list clock below
    // Editing A makes it the most recently modified.
    t.setNow('2025-03-08T00:00:00.000Z');
    await updateOffer({ id: ids.A as string, posIdentifier: 'P1' }, t.ctx);
    await claimOffer(
      {
        id: ids.C as string,
        consumerType: 'LOYALTY',
        consumerId: 'gold',
        consumerName: 'Gold program',
      },
      t.ctx,
    );
    t.setNow('2025-03-10T00:00:00.000Z');
  });
  afterAll(() => db.close());

  it('sorts by last modified or by created, newest first, with a total', async () => {
    const byModified = await list(t);
    expect(byModified.total).toBe(5);
    // A edited on the 8th and C claimed on the 8th both moved; E was created on the 20th.
    expect(byModified.items.map((i) => i.name)).toEqual([
      'Future sale',
      'Loyalty gold 100_off',
      'Summer Sale 10%',
      'Welcome offer',
      'Winter SALE',
    ]);
    const byCreated = await list(t, { sort: 'created' });
    expect(byCreated.items.map((i) => i.id)).toEqual(['E', 'D', 'C', 'B', 'A'].map((k) => ids[k]));
  });

  it('searches names case-insensitively by substring, taking % and _ literally', async () => {
    const sale = await list(t, { q: 'sALe' });
    expect(sale.items.map((i) => i.name).sort()).toEqual([
      'Future sale',
      'Summer Sale 10%',
      'Winter SALE',
    ]);
    expect(sale.total).toBe(3);
    expect((await list(t, { q: '10%' })).items.map((i) => i.name)).toEqual(['Summer Sale 10%']);
    expect((await list(t, { q: '_' })).items.map((i) => i.name)).toEqual(['Loyalty gold 100_off']);
    expect((await list(t, { q: 'nothing like it' })).total).toBe(0);
  });

  it('active only leaves out ended offers and offers that start in the future', async () => {
    const active = await list(t, { activeOnly: true });
    expect(active.items.map((i) => i.name).sort()).toEqual([
      'Loyalty gold 100_off',
      'Welcome offer',
      'Winter SALE',
    ]);
    expect(active.total).toBe(3);
    const all = await list(t);
    const byName = new Map(all.items.map((i) => [i.name, i]));
    expect(byName.get('Summer Sale 10%')?.active).toBe(false);
    expect(byName.get('Future sale')?.active).toBe(false);
    expect(byName.get('Winter SALE')?.active).toBe(true);
  });

  it('pages with limit and offset; total counts every match', async () => {
    const p1 = await list(t, { sort: 'created', limit: 2, offset: 0 });
    const p2 = await list(t, { sort: 'created', limit: 2, offset: 2 });
    const p3 = await list(t, { sort: 'created', limit: 2, offset: 4 });
    expect([p1, p2, p3].map((p) => p.total)).toEqual([5, 5, 5]);
    expect([...p1.items, ...p2.items, ...p3.items].map((i) => i.id)).toEqual(
      ['E', 'D', 'C', 'B', 'A'].map((k) => ids[k]),
    );
    expect(p3.items).toHaveLength(1);
  });

  it('follows edits: a renamed or re-dated offer is found by its new name and state', async () => {
    const o = await createOffer(offerConfig({ name: 'Old name xyz' }), t.ctx);
    expect((await list(t, { q: 'xyz' })).items.map((i) => i.id)).toEqual([o.id]);
    await updateOffer(
      {
        id: o.id,
        name: 'New name qrs',
        expiry: {
          type: 'FIXED_DATE',
          endsAt: new Date(t.ctx.now().getTime() + 1000).toISOString(),
        },
      },
      t.ctx,
    );
    expect((await list(t, { q: 'xyz' })).total).toBe(0);
    expect((await list(t, { q: 'QRS', activeOnly: true })).items.map((i) => i.id)).toEqual([o.id]);
    t.advance(2000);
    expect((await list(t, { q: 'qrs', activeOnly: true })).total).toBe(0);
    t.setNow('2025-03-10T00:00:00.000Z');
  });

  it('summaries carry labels, claim, counts and dates', async () => {
    const all = await list(t);
    const c = all.items.find((i) => i.id === ids.C);
    const b = all.items.find((i) => i.id === ids.B);
    expect(c).toMatchObject({
      claimedBy: 'Loyalty: Gold program',
      discountType: 'FIXED',
      discountLabel: 'INR 100.00 off',
      discountParts: { percent: null, amount: '100.00', currency: 'INR' },
      codeMethod: 'UNIQUE_AUTO',
      expiresAt: null,
      issuedCount: 0,
      redeemedCount: 0,
      syncToInStore: false,
      createdAt: '2025-03-03T00:00:00.000Z',
      // Who created it comes from the audit trail; where it stands, from its dates.
      createdBy: 'backoffice',
      status: 'ACTIVE',
    });
    expect(all.items.find((i) => i.id === ids.A)?.status).toBe('ENDED');
    expect(b).toMatchObject({
      claimedBy: null,
      discountType: 'PERCENT',
      discountLabel: '10% up to INR 200.00',
      discountParts: { percent: '10', amount: '200.00', currency: 'INR' },
      expiresAt: '2025-04-01T00:00:00.000Z',
    });
  });
});
