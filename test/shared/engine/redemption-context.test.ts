import { describe, expect, it } from 'vitest';
import { checkRedemption } from '../../../src-shared/engine';
import {
  codesOf,
  kolkataStore,
  makeCustomer,
  makeFacts,
  makeOffer,
  makeRequest,
  pastRedemption,
  type OfferOverrides,
} from './fixtures';

const redemption = (r: NonNullable<OfferOverrides['redemption']>, o: OfferOverrides = {}) =>
  makeOffer({ ...o, redemption: r });

describe('checkRedemption — where and how much', () => {
  const store = kolkataStore;
  it.each([
    ['TILL', store.tillId],
    ['STORE', store.storeId],
    ['ZONE', store.zoneId!],
    ['CONCEPT', store.conceptId!],
  ] as const)('a %s reference matches', (type, id) => {
    const offer = redemption({ stores: [{ type, id }] });
    expect(checkRedemption(makeFacts({ offer }), makeRequest()).ok).toBe(true);
  });

  it('STORE_NOT_ALLOWED when no reference matches', () => {
    const offer = redemption({
      stores: [
        { type: 'STORE', id: 'store-2' },
        { type: 'ZONE', id: 'zone-9' },
        { type: 'TILL', id: 'till-1-of-store-2' },
      ],
    });
    const r = checkRedemption(makeFacts({ offer }), makeRequest());
    expect(codesOf(r)).toEqual(['STORE_NOT_ALLOWED']);
  });

  it('BILL_BELOW_MINIMUM and BILL_ABOVE_MAXIMUM (inclusive bounds)', () => {
    const offer = redemption({ minBill: '500', maxBill: '2000' });
    const facts = makeFacts({ offer });
    expect(checkRedemption(facts, makeRequest({ billAmount: '500.00' })).ok).toBe(true);
    expect(checkRedemption(facts, makeRequest({ billAmount: '2000' })).ok).toBe(true);
    expect(codesOf(checkRedemption(facts, makeRequest({ billAmount: '499.99' })))).toEqual([
      'BILL_BELOW_MINIMUM',
    ]);
    expect(codesOf(checkRedemption(facts, makeRequest({ billAmount: '2000.01' })))).toEqual([
      'BILL_ABOVE_MAXIMUM',
    ]);
  });

  it('converts the bill thresholds into the transaction currency', () => {
    const offer = redemption({ minBill: '1000' }); // INR, the offer's currency
    const rates = [{ from: 'USD', to: 'INR', rate: '80', effectiveFrom: '2024-01-01T00:00:00Z' }];
    const facts = makeFacts({ offer, rates });
    // 1000 INR = 12.50 USD; the fixed 100 INR discount = 1.25 USD.
    const below = checkRedemption(facts, makeRequest({ currency: 'USD', billAmount: '12.49' }));
    expect(codesOf(below)).toEqual(['BILL_BELOW_MINIMUM']);
    const ok = checkRedemption(facts, makeRequest({ currency: 'USD', billAmount: '12.50' }));
    expect(ok.ok && ok.value).toMatchObject({ amount: '1.25', currency: 'USD' });
    const noRate = checkRedemption(
      makeFacts({ offer }),
      makeRequest({ currency: 'EUR', billAmount: '50' }),
    );
    expect(codesOf(noRate)).toEqual(['NO_EXCHANGE_RATE', 'NO_EXCHANGE_RATE']);
  });
});

describe('checkRedemption — when, in the store’s time zone', () => {
  // 2024-11-12 is a Tuesday. 20:00 UTC on the 12th is 01:30 Wed 13th in Kolkata.
  const at = '2024-11-12T20:00:00Z';
  const ny = { ...kolkataStore, timeZone: 'America/New_York' }; // 15:00 Tue 12th there

  it('DAY_NOT_ALLOWED uses the store’s weekday', () => {
    const offer = redemption({ daysOfWeek: [2] }); // Tuesdays
    expect(codesOf(checkRedemption(makeFacts({ offer }), makeRequest({ at })))).toEqual([
      'DAY_NOT_ALLOWED',
    ]);
    expect(checkRedemption(makeFacts({ offer }), makeRequest({ at, store: ny })).ok).toBe(true);
  });

  it('DATE_NOT_ALLOWED uses the store’s day of month', () => {
    const offer = redemption({ daysOfMonth: [13] });
    expect(checkRedemption(makeFacts({ offer }), makeRequest({ at })).ok).toBe(true);
    expect(codesOf(checkRedemption(makeFacts({ offer }), makeRequest({ at, store: ny })))).toEqual([
      'DATE_NOT_ALLOWED',
    ]);
  });

  it('HOUR_NOT_ALLOWED: half-open ranges, overnight ranges', () => {
    const offer = redemption({ hours: [{ from: '10:00', to: '16:00' }] });
    const facts = makeFacts({ offer });
    expect(checkRedemption(facts, makeRequest({ at, store: ny })).ok).toBe(true);
    expect(codesOf(checkRedemption(facts, makeRequest({ at })))).toEqual(['HOUR_NOT_ALLOWED']);
    const edge = checkRedemption(facts, makeRequest({ at: '2024-11-12T16:00:00+05:30' }));
    expect(codesOf(edge)).toEqual(['HOUR_NOT_ALLOWED']);
    const night = redemption({ hours: [{ from: '22:00', to: '02:00' }] });
    expect(checkRedemption(makeFacts({ offer: night }), makeRequest({ at })).ok).toBe(true);
  });

  it('REDEMPTION_GAP_NOT_MET counts calendar days in store time', () => {
    const offer = redemption({ allowAnyone: true, moreThanOnce: true, minGapDays: 2 });
    const last = pastRedemption({ code: 'OTHER', redeemedAt: '2024-11-10T23:00:00+05:30' });
    const facts = makeFacts({ offer, customerOfferRedemptions: [last] });
    const r = checkRedemption(facts, makeRequest({ at: '2024-11-11T23:59:00+05:30' }));
    expect(codesOf(r)).toEqual(['REDEMPTION_GAP_NOT_MET']);
    expect(r.ok ? '' : r.reasons[0]?.message).toMatch(/from 12 Nov 2024/);
    expect(checkRedemption(facts, makeRequest({ at: '2024-11-12T00:01:00+05:30' })).ok).toBe(true);
    // A reversed redemption does not count.
    const reversed = makeFacts({ offer, customerOfferRedemptions: [{ ...last, reversed: true }] });
    expect(checkRedemption(reversed, makeRequest({ at: '2024-11-11T10:00:00+05:30' })).ok).toBe(
      true,
    );
  });

  it('NOT_A_NEW_CUSTOMER: registration date range (local) and transaction count', () => {
    const offer = redemption({
      newCustomers: {
        registeredFrom: '2024-11-01',
        registeredTo: '2024-11-10',
        maxTransactions: 2,
      },
    });
    const fresh = makeCustomer('cust-A', {
      registeredAt: '2024-11-10T20:00:00Z', // 11 Nov in Kolkata: outside the range
      transactionCount: 3,
    });
    const r = checkRedemption(makeFacts({ offer, customer: fresh }), makeRequest());
    expect(codesOf(r)).toEqual(['NOT_A_NEW_CUSTOMER', 'NOT_A_NEW_CUSTOMER']);
    const inRange = makeCustomer('cust-A', {
      registeredAt: '2024-11-10T18:00:00Z', // 23:30 on 10 Nov in Kolkata
      transactionCount: 2,
    });
    expect(checkRedemption(makeFacts({ offer, customer: inRange }), makeRequest()).ok).toBe(true);
  });

  it('INVALID_TIME / INVALID_TIME_ZONE stop before any calendar rule is guessed', () => {
    expect(codesOf(checkRedemption(makeFacts(), makeRequest({ at: 'noon' })))).toEqual([
      'INVALID_TIME',
    ]);
    const bad = { ...kolkataStore, timeZone: 'Nowhere/Land' };
    expect(codesOf(checkRedemption(makeFacts(), makeRequest({ store: bad })))).toEqual([
      'INVALID_TIME_ZONE',
    ]);
  });
});
