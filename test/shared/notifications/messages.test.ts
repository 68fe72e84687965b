import { describe, expect, it } from 'vitest';
import {
  couponValues,
  describeDiscount,
  issualLimitEmail,
  offerExpiryEmail,
  renderSms,
} from '#shared/notifications/messages';

describe('notification messages', () => {
  it('describes discounts in ASCII', () => {
    expect(describeDiscount({ type: 'FIXED', amount: '100.50', currency: 'INR' })).toBe(
      'INR 100.50',
    );
    expect(
      describeDiscount({
        type: 'PERCENT',
        percent: '20',
        maxDiscount: '500',
        maxDiscountCurrency: 'INR',
      }),
    ).toBe('20% (up to INR 500)');
    expect(
      describeDiscount({
        type: 'PERCENT',
        percent: '15',
        maxDiscount: null,
        maxDiscountCurrency: null,
      }),
    ).toBe('15%');
  });

  it('fills coupon values in the recipient zone and falls back to "Customer" for no name', () => {
    const v = couponValues({
      offer: { name: 'Diwali', discount: { type: 'FIXED', amount: '100', currency: 'INR' } },
      code: 'AB12',
      expiresAt: '2025-12-31T20:00:00.000Z',
      customerName: ' ',
      zone: 'Asia/Dubai',
    });
    expect(v).toEqual({
      customer_name: 'Customer',
      code: 'AB12',
      expiry_date: '1 Jan 2026',
      offer_name: 'Diwali',
      discount: 'INR 100',
    });
  });

  it('keeps a plain SMS plain: values reduced to GSM unless Unicode is allowed', () => {
    const values = {
      customer_name: 'Zoë 🎉',
      code: 'C1',
      expiry_date: '1 Jan 2026',
      offer_name: 'Diwali',
      discount: 'INR 100',
    };
    expect(renderSms('Hi {customer_name}, {code}', values, false)).toEqual({
      text: 'Hi Zoe ?, C1',
      unicode: false,
    });
    expect(renderSms('Hi {customer_name}, {code}', values, true)).toEqual({
      text: 'Hi Zoë 🎉, C1',
      unicode: true,
    });
    // Allowed but not needed: sent as plain GSM.
    expect(renderSms('Hi {code}', values, true)).toEqual({ text: 'Hi C1', unicode: false });
  });

  it('tells POCs the numbers they need', () => {
    const alert = issualLimitEmail({
      name: 'Diwali',
      offerCode: 'DW',
      totalLimit: 10,
      issuedCount: 8,
      threshold: 2,
    });
    expect(alert.subject).toBe('Offer "Diwali" (DW): 2 coupons left to issue');
    expect(alert.text).toContain('issued 8 of its 10-coupon issual limit');
    const ends = offerExpiryEmail({
      name: 'Diwali',
      offerCode: 'DW',
      endsAt: '2025-11-30T18:29:59.000Z',
      orgZone: 'Asia/Kolkata',
      issuedCount: 3,
      redeemedCount: 1,
      daysBefore: 1,
    });
    expect(ends.subject).toBe('Offer "Diwali" (DW) ends on 30 Nov 2025');
    expect(ends.text).toContain('reminded 1 day before');
  });
});
