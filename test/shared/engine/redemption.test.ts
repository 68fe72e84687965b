import { describe, expect, it } from 'vitest';
import { checkRedemption } from '../../../src-shared/engine';
import {
  codesOf,
  kolkataStore,
  makeCoupon,
  makeCustomer,
  makeFacts,
  makeOffer,
  makeRequest,
  pastRedemption,
  type OfferOverrides,
} from './fixtures';

const redemption = (r: NonNullable<OfferOverrides['redemption']>, o: OfferOverrides = {}) =>
  makeOffer({ ...o, redemption: r });

describe('checkRedemption — success', () => {
  it('returns the discount when every rule passes', () => {
    const r = checkRedemption(makeFacts(), makeRequest());
    expect(r).toEqual({
      ok: true,
      value: { amount: '100.00', currency: 'INR', eligibleAmount: '1000.00', capped: false },
    });
  });
});

describe('checkRedemption — the coupon', () => {
  it('CODE_NOT_FOUND names the code', () => {
    const r = checkRedemption(makeFacts({ coupon: null }), makeRequest({ code: 'NOPE1' }));
    expect(codesOf(r)).toEqual(['CODE_NOT_FOUND']);
    expect(r.ok ? '' : r.reasons[0]?.message).toMatch(/NOPE1/);
  });

  it('COUPON_REVOKED', () => {
    const facts = makeFacts({ coupon: makeCoupon({ state: 'REVOKED' }) });
    expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual(['COUPON_REVOKED']);
  });

  it.each(['UNIQUE_AUTO', 'UPLOADED', 'RANDOMIZED_COMMON'] as const)(
    'COUPON_NOT_ISSUED for an unissued %s code, even when anyone may redeem',
    (method) => {
      const codeGeneration =
        method === 'UNIQUE_AUTO'
          ? { method, length: 8, charset: 'NUMERIC' as const }
          : method === 'UPLOADED'
            ? { method }
            : { method, sample: 'TEST12345' };
      const facts = makeFacts({
        offer: makeOffer({ codeGeneration, redemption: { allowAnyone: true } }),
        coupon: makeCoupon({ issuedAt: null, customerId: null }),
      });
      expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual(['COUPON_NOT_ISSUED']);
    },
  );

  it('a COMMON code may be redeemed by any customer only when allowAnyone', () => {
    const common = { method: 'COMMON' as const, code: 'HOLIDAY20' };
    const unissued = makeCoupon({ code: 'HOLIDAY20', issuedAt: null, customerId: null });
    const anyone = makeFacts({
      offer: makeOffer({ codeGeneration: common, redemption: { allowAnyone: true } }),
      coupon: unissued,
      customer: makeCustomer('cust-Z'),
    });
    expect(checkRedemption(anyone, makeRequest()).ok).toBe(true);
    const recipientsOnly = { ...anyone, offer: makeOffer({ codeGeneration: common }) };
    expect(codesOf(checkRedemption(recipientsOnly, makeRequest()))).toEqual(['NOT_RECIPIENT']);
  });

  it('COUPON_EXPIRED after its expiry instant, not at it', () => {
    const coupon = makeCoupon({ expiresAt: '2024-11-12T18:29:59.999Z' });
    const facts = makeFacts({ coupon });
    expect(checkRedemption(facts, makeRequest({ at: '2024-11-12T23:59:59+05:30' })).ok).toBe(true);
    const late = checkRedemption(facts, makeRequest({ at: '2024-11-13T00:00:00+05:30' }));
    expect(codesOf(late)).toEqual(['COUPON_EXPIRED']);
    expect(late.ok ? '' : late.reasons[0]?.message).toMatch(/12 Nov 2024, 23:59/);
  });

  it('OFFER_EXPIRED after the offer ends and before it was created', () => {
    const offer = makeOffer({
      expiry: { type: 'FIXED_DATE', endsAt: '2024-11-10T00:00:00Z' },
      createdAt: '2024-01-01T00:00:00Z',
    });
    const ended = checkRedemption(makeFacts({ offer }), makeRequest());
    expect(codesOf(ended)).toEqual(['OFFER_EXPIRED']);
    const early = checkRedemption(
      makeFacts({ offer }),
      makeRequest({ at: '2023-12-31T00:00:00Z' }),
    );
    // The coupon (issued Nov 2024) is not redeemable yet either: both reasons are listed.
    expect(codesOf(early)).toEqual(['OFFER_EXPIRED', 'REDEMPTION_NOT_STARTED']);
    const offerReason = early.ok
      ? undefined
      : early.reasons.find((x) => x.code === 'OFFER_EXPIRED');
    expect(offerReason?.message).toMatch(/not started/);
  });

  it('NOT_RECIPIENT when allowAnyone is false and someone else presents it', () => {
    const facts = makeFacts({ customer: makeCustomer('cust-B') });
    expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual(['NOT_RECIPIENT']);
  });

  it('CUSTOMER_REQUIRED when only the recipient may redeem and no customer is given', () => {
    const r = checkRedemption(makeFacts({ customer: null }), makeRequest());
    expect(codesOf(r)).toEqual(['CUSTOMER_REQUIRED']);
  });

  it('anonymous redemption is fine when anyone may redeem and nothing is per customer', () => {
    const offer = redemption({ allowAnyone: true, moreThanOnce: true, codeLimit: 3 });
    expect(checkRedemption(makeFacts({ offer, customer: null }), makeRequest()).ok).toBe(true);
    // …but a per-customer cap (here: once per customer) needs to know who it is.
    const once = redemption({ allowAnyone: true, codeLimit: 3 });
    const r = checkRedemption(makeFacts({ offer: once, customer: null }), makeRequest());
    expect(codesOf(r)).toEqual(['CUSTOMER_REQUIRED']);
  });

  it('third-party delivery never lets anyone but the recipient redeem', () => {
    const offer = makeOffer({
      delivery: 'THIRD_PARTY',
      codeGeneration: { method: 'UPLOADED' },
      redemption: { allowAnyone: true },
    });
    const facts = makeFacts({ offer, customer: makeCustomer('cust-B') });
    expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual(['NOT_RECIPIENT']);
  });
});

describe('checkRedemption — redemption start', () => {
  const issuedAt = '2024-11-10T15:00:00+05:30';
  it('right after issue', () => {
    const facts = makeFacts({ coupon: makeCoupon({ issuedAt }) });
    const before = checkRedemption(facts, makeRequest({ at: '2024-11-10T14:59:00+05:30' }));
    expect(codesOf(before)).toEqual(['REDEMPTION_NOT_STARTED']);
    expect(checkRedemption(facts, makeRequest({ at: '2024-11-10T15:00:00+05:30' })).ok).toBe(true);
  });

  it('N days after issue: from the start of that local day', () => {
    const offer = redemption({ start: { type: 'DAYS_AFTER_ISSUE', days: 2 } });
    const facts = makeFacts({ offer, coupon: makeCoupon({ issuedAt }) });
    const early = checkRedemption(facts, makeRequest({ at: '2024-11-11T23:59:00+05:30' }));
    expect(codesOf(early)).toEqual(['REDEMPTION_NOT_STARTED']);
    expect(early.ok ? '' : early.reasons[0]?.message).toMatch(/12 Nov 2024, 00:00/);
    expect(checkRedemption(facts, makeRequest({ at: '2024-11-12T00:00:00+05:30' })).ok).toBe(true);
  });

  it('from a date, in store time', () => {
    const offer = redemption({ start: { type: 'FROM_DATE', date: '2024-11-12' } });
    const facts = makeFacts({ offer });
    // 23:00 UTC on 11 Nov is already 12 Nov 04:30 in Kolkata.
    expect(checkRedemption(facts, makeRequest({ at: '2024-11-11T23:00:00Z' })).ok).toBe(true);
    const ny = { ...kolkataStore, timeZone: 'America/New_York' };
    const r = checkRedemption(facts, makeRequest({ at: '2024-11-11T23:00:00Z', store: ny }));
    expect(codesOf(r)).toEqual(['REDEMPTION_NOT_STARTED']);
  });
});

describe('checkRedemption — limits', () => {
  it('CODE_LIMIT_REACHED counts every customer, ignoring reversed redemptions', () => {
    const offer = redemption({ allowAnyone: true, codeLimit: 2 });
    const uses = [
      pastRedemption({ customerId: 'x' }),
      pastRedemption({ customerId: 'y', reversed: true }),
    ];
    expect(checkRedemption(makeFacts({ offer, codeRedemptions: uses }), makeRequest()).ok).toBe(
      true,
    );
    uses.push(pastRedemption({ customerId: 'z' }));
    const r = checkRedemption(makeFacts({ offer, codeRedemptions: uses }), makeRequest());
    expect(codesOf(r)).toEqual(['CODE_LIMIT_REACHED']);
  });

  it('CUSTOMER_LIMIT_REACHED counts only this customer and this code', () => {
    const offer = redemption({ allowAnyone: true, moreThanOnce: true, customerLimit: 2 });
    const mine = [
      pastRedemption({ customerId: 'cust-A' }),
      pastRedemption({ customerId: 'cust-A', code: 'OTHER', couponId: 'c2' }),
    ];
    const facts = makeFacts({ offer, customerOfferRedemptions: mine, codeRedemptions: [mine[0]!] });
    expect(checkRedemption(facts, makeRequest()).ok).toBe(true);
    const more = pastRedemption({ customerId: 'cust-A' });
    const r = checkRedemption(
      { ...facts, codeRedemptions: [mine[0]!, more], customerOfferRedemptions: [...mine, more] },
      makeRequest(),
    );
    expect(codesOf(r)).toEqual(['CUSTOMER_LIMIT_REACHED']);
  });

  it('moreThanOnce=false: once per customer', () => {
    const offer = redemption({ allowAnyone: true });
    const facts = makeFacts({ offer, codeRedemptions: [pastRedemption({ customerId: 'cust-A' })] });
    expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual(['CUSTOMER_LIMIT_REACHED']);
    const other = { ...facts, customer: makeCustomer('cust-B') };
    expect(checkRedemption(other, makeRequest()).ok).toBe(true);
  });

  it('recipient-only: the code-level limit equals the customer-level limit', () => {
    const offer = redemption({ moreThanOnce: true, customerLimit: 2 });
    const uses = [pastRedemption(), pastRedemption()];
    const r = checkRedemption(
      makeFacts({ offer, codeRedemptions: uses, customerOfferRedemptions: uses }),
      makeRequest(),
    );
    expect(codesOf(r)).toEqual(['CODE_LIMIT_REACHED', 'CUSTOMER_LIMIT_REACHED']);
  });

  it('SERIES_LIMIT_REACHED', () => {
    const offer = redemption({ seriesLimit: 10 });
    expect(checkRedemption(makeFacts({ offer, seriesRedemptionCount: 9 }), makeRequest()).ok).toBe(
      true,
    );
    const r = checkRedemption(makeFacts({ offer, seriesRedemptionCount: 10 }), makeRequest());
    expect(codesOf(r)).toEqual(['SERIES_LIMIT_REACHED']);
  });
});

describe('checkRedemption — every reason at once', () => {
  it('lists all failures, not just the first', () => {
    const offer = makeOffer({
      expiry: { type: 'FIXED_DATE', endsAt: '2024-11-01T00:00:00Z' },
      applicability: { scope: 'SELECTED', brands: ['Acme'] },
      redemption: {
        seriesLimit: 5,
        stores: [{ type: 'STORE', id: 'elsewhere' }],
        minBill: '5000',
        daysOfWeek: [7],
        daysOfMonth: [1],
        hours: [{ from: '06:00', to: '07:00' }],
      },
    });
    const facts = makeFacts({
      offer,
      coupon: makeCoupon({ state: 'REVOKED', expiresAt: '2024-11-05T00:00:00Z' }),
      customer: makeCustomer('cust-B'),
      seriesRedemptionCount: 5,
    });
    expect(codesOf(checkRedemption(facts, makeRequest()))).toEqual([
      'BILL_BELOW_MINIMUM',
      'COUPON_EXPIRED',
      'COUPON_REVOKED',
      'DATE_NOT_ALLOWED',
      'DAY_NOT_ALLOWED',
      'HOUR_NOT_ALLOWED',
      'ITEMS_REQUIRED',
      'NOT_RECIPIENT',
      'OFFER_EXPIRED',
      'SERIES_LIMIT_REACHED',
      'STORE_NOT_ALLOWED',
    ]);
  });
});
