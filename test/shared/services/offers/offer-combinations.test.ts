import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfferInput } from '#shared/domain/offer';
import { eachDialect } from '../../../helpers/db';
import {
  backOffice,
  inDays,
  seedOrg,
  startHubInProcess,
  type Hub,
} from '../../../sync/support/in-process';
import { apiError } from '../support/api-error';

/**
 * Through the API (dispatcher, schemas, roles): settings that cannot go together are refused
 * on create and on edit with the field and the fix, and nothing is saved.
 */
eachDialect('offers: settings that cannot go together, through the API', (dialect) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHubInProcess(dialect);
    await seedOrg(hub);
  }, 120_000);
  afterAll(async () => hub?.db.close());

  const base = (name: string, over: Partial<OfferInput> = {}): OfferInput => ({
    name,
    expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
    discount: { type: 'FIXED', amount: '10', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    ...over,
  });
  const offerCount = async (name: string) =>
    (await hub.call('offers-list', { q: name }, backOffice)).items.length;

  it.each([
    [
      'third party with anyone',
      { delivery: 'THIRD_PARTY', redemption: { allowAnyone: true } },
      'redemption.allowAnyone',
    ],
    [
      'campaign-long offer, coupon expiry left at its default',
      { expiry: { type: 'WITH_CAMPAIGN', endsAt: null } },
      'couponExpiry.type',
    ],
    [
      'campaign-long offer, coupon expiry along with the offer',
      { expiry: { type: 'WITH_CAMPAIGN', endsAt: null }, couponExpiry: { type: 'WITH_OFFER' } },
      'couponExpiry.type',
    ],
  ] as const)('create refuses %s', async (label, over, field) => {
    const e = await apiError(hub.call('offers-create', base(label, over), backOffice));
    expect(e.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(e.details)).toContain(field);
    expect(await offerCount(label)).toBe(0);
  });

  it('create accepts each setting where it belongs', async () => {
    for (const [name, over] of [
      ['third party, recipient only', { delivery: 'THIRD_PARTY' as const }],
      ['anyone, through Counterfoil', { redemption: { allowAnyone: true } }],
      ['fixed date, along with the offer', { couponExpiry: { type: 'WITH_OFFER' as const } }],
      [
        'campaign, days from issual',
        {
          expiry: { type: 'WITH_CAMPAIGN' as const, endsAt: null },
          couponExpiry: { type: 'DAYS_FROM_ISSUE' as const, days: 30 },
        },
      ],
    ] as const) {
      await hub.call('offers-create', base(name, over), backOffice);
      expect(await offerCount(name)).toBe(1);
    }
  });

  it('an edit that would make a third-party offer redeemable by anyone is refused, unchanged', async () => {
    const created = await hub.call(
      'offers-create',
      base('third party edited', { delivery: 'THIRD_PARTY' }),
      backOffice,
    );
    const e = await apiError(
      hub.call(
        'offers-update',
        { id: created.id, redemption: { ...created.redemption, allowAnyone: true } },
        backOffice,
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('turn off "allow anyone to redeem"');
    const after = await hub.call('offers-get', { id: created.id }, backOffice);
    expect(after.offer).toMatchObject({ version: 1, redemption: { allowAnyone: false } });
  });
});
