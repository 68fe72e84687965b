import { describe, expect, it } from 'vitest';
import { offerInput, type OfferInput } from '#shared/domain/offer';
import { offerCombinationReasons } from '#shared/engine/offer-combinations';

const base: OfferInput = {
  name: 'Combinations',
  expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
  discount: { type: 'FIXED', amount: '10', currency: 'INR' },
  codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
};

const fieldsOf = (over: Partial<OfferInput>): string[] =>
  offerCombinationReasons(offerInput.parse({ ...base, ...over })).map((r) => r.field ?? '');

describe('settings that cannot go together', () => {
  // Seed: third-party series never allow "anyone"; the other three pairs are fine.
  it.each([
    ['SYSTEM', false, []],
    ['SYSTEM', true, []],
    ['THIRD_PARTY', false, []],
    ['THIRD_PARTY', true, ['redemption.allowAnyone']],
  ] as const)('delivery %s with allow anyone %s: %j', (delivery, allowAnyone, fields) => {
    expect(fieldsOf({ delivery, redemption: { allowAnyone } })).toEqual(fields);
  });

  // Seed: "Along with the offer" applies only if the offer expires on a fixed date.
  const fixed = { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' } as const;
  const campaign = { type: 'WITH_CAMPAIGN', endsAt: null } as const;
  it.each([
    [fixed, { type: 'WITH_OFFER' }, []],
    [fixed, { type: 'DAYS_FROM_ISSUE', days: 30 }, []],
    [campaign, { type: 'WITH_OFFER' }, ['couponExpiry.type']],
    [campaign, undefined, ['couponExpiry.type']],
    [campaign, { type: 'DAYS_FROM_ISSUE', days: 30 }, []],
    [campaign, { type: 'MONTH_ENDS_FROM_ISSUE', months: 1 }, []],
  ] as const)('offer expiry %j, coupon expiry %j: %j', (expiry, couponExpiry, fields) => {
    expect(fieldsOf({ expiry, ...(couponExpiry ? { couponExpiry } : {}) })).toEqual(fields);
  });

  it('names the fix in each reason', () => {
    const reasons = offerCombinationReasons(
      offerInput.parse({
        ...base,
        expiry: { type: 'WITH_CAMPAIGN', endsAt: null },
        delivery: 'THIRD_PARTY',
        redemption: { allowAnyone: true },
      }),
    );
    expect(reasons.map((r) => r.message)).toEqual([
      'Coupons issued through a third party can be redeemed only by their recipient (the third party’s sharing rules are unknown here); turn off "allow anyone to redeem"',
      'Coupon expiry "along with the offer" (WITH_OFFER, the default) applies only to offers that end on a fixed date; for an offer that ends with its campaign, choose days (DAYS_FROM_ISSUE) or month ends (MONTH_ENDS_FROM_ISSUE) from issual',
    ]);
  });
});
