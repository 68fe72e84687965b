import { describe, expect, it } from 'vitest';
import type { Coupon, PastRedemption } from '#shared/domain/coupon';
import type { Offer } from '#shared/domain/offer';
import { checkRedemption } from '../../../src-shared/engine';
import { codesOf, makeCoupon, makeCustomer, makeOffer, makeRequest } from './fixtures';

/**
 * The coupon management seed's 14-row table "Code-Level Limit / Customer-Level Limit /
 * Series-Level Limit", row by row, with each row's series type and "allow anyone" setting and
 * the limits of its example. Series limits of 1k–50k need no stand-in: the engine takes the
 * series count as a number, so "the (limit+1)th redemption" is tested by a ledger that already
 * holds limit−1 redemptions of other codes (plus direct counts limit−1 / limit). Rows 14's
 * example names no numbers; it uses customer limit 1 and series limit 5k like rows 6 and 13.
 */
type SeriesType = 'AUTO' | 'COMMON' | 'UPLOADED' | 'THIRD_PARTY';
type Row = {
  no: number;
  type: SeriesType;
  allowAnyone: boolean;
  codeLimit: number | null;
  customerLimit: number | null;
  seriesLimit: number | null;
};

const matrix: Row[] = [
  { no: 1, type: 'AUTO', allowAnyone: true, codeLimit: 10, customerLimit: 1, seriesLimit: null },
  {
    no: 2,
    type: 'AUTO',
    allowAnyone: true,
    codeLimit: 5,
    customerLimit: null,
    seriesLimit: 10_000,
  },
  { no: 3, type: 'AUTO', allowAnyone: true, codeLimit: 5, customerLimit: 1, seriesLimit: 10_000 },
  { no: 4, type: 'AUTO', allowAnyone: true, codeLimit: 5, customerLimit: null, seriesLimit: null },
  {
    no: 5,
    type: 'AUTO',
    allowAnyone: true,
    codeLimit: null,
    customerLimit: 1,
    seriesLimit: 10_000,
  },
  {
    no: 6,
    type: 'AUTO',
    allowAnyone: false,
    codeLimit: null,
    customerLimit: 1,
    seriesLimit: 5_000,
  },
  {
    no: 7,
    type: 'COMMON',
    allowAnyone: true,
    codeLimit: null,
    customerLimit: 2,
    seriesLimit: 1_000,
  },
  {
    no: 8,
    type: 'UPLOADED',
    allowAnyone: true,
    codeLimit: 5,
    customerLimit: 1,
    seriesLimit: 50_000,
  },
  { no: 9, type: 'UPLOADED', allowAnyone: true, codeLimit: 5, customerLimit: 1, seriesLimit: null },
  {
    no: 10,
    type: 'UPLOADED',
    allowAnyone: true,
    codeLimit: 5,
    customerLimit: null,
    seriesLimit: 25_000,
  },
  {
    no: 11,
    type: 'UPLOADED',
    allowAnyone: true,
    codeLimit: 5,
    customerLimit: null,
    seriesLimit: null,
  },
  {
    no: 12,
    type: 'UPLOADED',
    allowAnyone: true,
    codeLimit: null,
    customerLimit: 5,
    seriesLimit: 5_000,
  },
  {
    no: 13,
    type: 'UPLOADED',
    allowAnyone: false,
    codeLimit: null,
    customerLimit: 1,
    seriesLimit: 5_000,
  },
  {
    no: 14,
    type: 'THIRD_PARTY',
    allowAnyone: false,
    codeLimit: null,
    customerLimit: 1,
    seriesLimit: 5_000,
  },
  // Beyond the seed's table: a common code limited to its recipients ("allow anyone" off, the
  // default). Each recipient holds their own allowance of the shared code.
  {
    no: 15,
    type: 'COMMON',
    allowAnyone: false,
    codeLimit: null,
    customerLimit: 1,
    seriesLimit: 1_000,
  },
  {
    no: 16,
    type: 'COMMON',
    allowAnyone: false,
    codeLimit: null,
    customerLimit: 2,
    seriesLimit: null,
  },
];

const offerFor = (row: Row): Offer =>
  makeOffer({
    delivery: row.type === 'THIRD_PARTY' ? 'THIRD_PARTY' : 'SYSTEM',
    codeGeneration:
      row.type === 'AUTO'
        ? { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' }
        : row.type === 'COMMON'
          ? { method: 'COMMON', code: 'HOLIDAY20' }
          : { method: 'UPLOADED' },
    redemption: {
      allowAnyone: row.allowAnyone,
      codeLimit: row.codeLimit,
      // "No customer-level limit" = redeem more than once without a per-customer cap.
      moreThanOnce: row.customerLimit === null || row.customerLimit > 1,
      customerLimit: row.customerLimit,
      seriesLimit: row.seriesLimit,
    },
  });

/** A tiny ledger: redemptions of the codes under test, plus a count for the rest of the series. */
class Ledger {
  readonly redemptions: PastRedemption[] = [];
  constructor(
    readonly offer: Offer,
    readonly otherSeriesRedemptions = 0,
  ) {}

  redeem(coupon: Coupon, customerId: string) {
    const result = checkRedemption(
      {
        offer: this.offer,
        coupon,
        customer: makeCustomer(customerId),
        codeRedemptions: this.redemptions.filter((r) => r.code === coupon.code),
        customerOfferRedemptions: this.redemptions.filter((r) => r.customerId === customerId),
        seriesRedemptionCount: this.otherSeriesRedemptions + this.redemptions.length,
        rates: [],
      },
      makeRequest({ code: coupon.code }),
    );
    if (result.ok) {
      this.redemptions.push({
        id: `r${this.redemptions.length + 1}`,
        couponId: coupon.id,
        code: coupon.code,
        customerId,
        redeemedAt: '2024-11-12T06:30:00Z',
        reversed: false,
      });
    }
    return result;
  }
}

const couponOf = (row: Row, n = 1): Coupon =>
  makeCoupon({
    id: `coupon-${n}`,
    code: row.type === 'COMMON' ? 'HOLIDAY20' : `CODE000${n}`,
    customerId: `recipient-${n}`,
  });

describe('redemption limit matrix (coupon management seed)', () => {
  it.each(matrix)(
    'row $no: $type, anyone=$allowAnyone, code=$codeLimit, customer=$customerLimit, series=$seriesLimit',
    (row) => {
      const offer = offerFor(row);
      const coupon = couponOf(row);
      const recipient = 'recipient-1';

      // Who may redeem.
      {
        const ledger = new Ledger(offer);
        const stranger = ledger.redeem(coupon, 'stranger');
        if (row.allowAnyone) expect(stranger.ok).toBe(true);
        else expect(codesOf(stranger)).toEqual(['NOT_RECIPIENT']);
        expect(new Ledger(offer).redeem(coupon, recipient).ok).toBe(true);
      }

      // Code-level limit: the Lth redemption is fine, the (L+1)th fails even for a new customer.
      if (row.codeLimit !== null) {
        const ledger = new Ledger(offer);
        for (let i = 1; i <= row.codeLimit; i++) {
          expect(ledger.redeem(coupon, `customer-${i}`).ok, `redemption ${i}`).toBe(true);
        }
        const next = ledger.redeem(coupon, 'brand-new-customer');
        expect(codesOf(next)).toEqual(['CODE_LIMIT_REACHED']);
      } else if (row.allowAnyone) {
        // No code-level limit: many different customers share the code.
        const ledger = new Ledger(offer);
        for (let i = 1; i <= 60; i++) expect(ledger.redeem(coupon, `customer-${i}`).ok).toBe(true);
      }

      // Customer-level limit: the same customer's (C+1)th fails; another customer is unaffected.
      const holder = row.allowAnyone ? 'regular' : recipient;
      if (row.customerLimit !== null) {
        const ledger = new Ledger(offer);
        for (let i = 1; i <= row.customerLimit; i++) {
          expect(ledger.redeem(coupon, holder).ok, `redemption ${i}`).toBe(true);
        }
        const again = ledger.redeem(coupon, holder);
        expect(codesOf(again)).toEqual(
          row.allowAnyone
            ? ['CUSTOMER_LIMIT_REACHED']
            : // The code belongs to its recipient: code-level limit = customer-level limit.
              ['CODE_LIMIT_REACHED', 'CUSTOMER_LIMIT_REACHED'],
        );
        if (row.allowAnyone) expect(ledger.redeem(coupon, 'someone-else').ok).toBe(true);
        // Only recipients may redeem: one recipient's uses leave another's allowance whole.
        else expect(ledger.redeem(couponOf(row, 2), 'recipient-2').ok).toBe(true);
      } else {
        // No customer-level limit: one customer may use the code up to its code-level limit.
        const ledger = new Ledger(offer);
        const limit = row.codeLimit ?? 25;
        for (let i = 1; i <= limit; i++) expect(ledger.redeem(coupon, holder).ok).toBe(true);
        if (row.codeLimit !== null) {
          expect(codesOf(ledger.redeem(coupon, holder))).toEqual(['CODE_LIMIT_REACHED']);
        }
      }

      // Series-level limit: the (S+1)th redemption across codes fails.
      const other = couponOf(row, 2);
      const otherCustomer = row.allowAnyone ? 'customer-x' : 'recipient-2';
      if (row.seriesLimit !== null) {
        const ledger = new Ledger(offer, row.seriesLimit - 1);
        expect(ledger.redeem(coupon, row.allowAnyone ? 'customer-y' : recipient).ok).toBe(true);
        expect(codesOf(ledger.redeem(other, otherCustomer))).toEqual(['SERIES_LIMIT_REACHED']);
        const direct = (count: number) =>
          checkRedemption(
            {
              offer,
              coupon,
              customer: makeCustomer(recipient),
              codeRedemptions: [],
              customerOfferRedemptions: [],
              seriesRedemptionCount: count,
              rates: [],
            },
            makeRequest(),
          );
        expect(direct(row.seriesLimit - 1).ok).toBe(true);
        expect(codesOf(direct(row.seriesLimit))).toEqual(['SERIES_LIMIT_REACHED']);
      } else {
        const ledger = new Ledger(offer, 10_000_000);
        expect(ledger.redeem(other, otherCustomer).ok).toBe(true);
      }
    },
  );

  it('third-party series never lets "anyone" redeem, even if configured', () => {
    const row = matrix[13]!;
    const offer = offerFor({ ...row, allowAnyone: true });
    const ledger = new Ledger(offer);
    expect(codesOf(ledger.redeem(couponOf(row), 'stranger'))).toEqual(['NOT_RECIPIENT']);
  });
});
