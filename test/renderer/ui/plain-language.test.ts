import { describe, expect, it } from 'vitest';
import { countOf, fieldName, plainMessage } from '#renderer/ui/plain-language';

describe('fieldName', () => {
  it('names known keys and splits unknown ones into words', () => {
    expect(fieldName('billAmount')).toBe('Bill amount');
    expect(fieldName('redemption.minBill')).toBe('Minimum bill');
    expect(fieldName('rows.3.consumerId')).toBe('Campaign or programme ID');
    expect(fieldName('notifyThreshold')).toBe('Notify threshold');
    expect(fieldName('posId')).toBe('Pos ID');
  });
});

describe('plainMessage', () => {
  it('replaces field keys at the start of each problem', () => {
    expect(plainMessage('billAmount: must be a decimal with at most 2 places')).toBe(
      'Bill amount: must be a decimal with at most 2 places',
    );
    expect(plainMessage('consumerId: is required; reason: too short')).toBe(
      'Campaign or programme ID: is required; Reason: too short',
    );
  });
  it('leaves ids out and spells identifier prefixes', () => {
    expect(
      plainMessage('Customer 01a24947-5c1e-4f0a-9a57-1c2b3d4e5f60 already has one coupon'),
    ).toBe('This customer already has one coupon');
    expect(plainMessage('No customer with mobile:+919812345678; register the customer first')).toBe(
      'No customer with mobile number +919812345678; register the customer first',
    );
    expect(plainMessage('coupon 01a24947-5c1e-4f0a-9a57-1c2b3d4e5f60 is revoked')).toBe(
      'This coupon is revoked',
    );
  });
  it('drops error codes and keeps ordinary sentences', () => {
    expect(plainMessage('Issued in the future (INVALID_ISSUED_AT)')).toBe('Issued in the future');
    expect(plainMessage('The bill must be at least 500.00 INR')).toBe(
      'The bill must be at least 500.00 INR',
    );
  });
});

describe('countOf', () => {
  it('agrees in number', () => {
    expect(countOf(1, 'item')).toBe('1 item');
    expect(countOf(2, 'coupon')).toBe('2 coupons');
    expect(countOf(0, 'redemption')).toBe('0 redemptions');
  });
});
