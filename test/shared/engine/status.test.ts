import { describe, expect, it } from 'vitest';
import { couponStatusAt, offerStatusAt } from '../../../src-shared/engine';
import { makeCoupon, makeOffer } from './fixtures';

describe('offerStatusAt', () => {
  const offer = makeOffer({
    createdAt: '2024-01-01T00:00:00Z',
    expiry: { type: 'FIXED_DATE', endsAt: '2024-12-31T18:29:59.999Z' },
  });
  it.each([
    ['2023-12-31T23:59:59Z', 'NOT_STARTED'],
    ['2024-01-01T00:00:00Z', 'ACTIVE'],
    ['2024-12-31T18:29:59.999Z', 'ACTIVE'],
    ['2024-12-31T18:30:00Z', 'EXPIRED'],
  ] as const)('at %s → %s', (at, status) => {
    expect(offerStatusAt(offer, at)).toBe(status);
  });
  it('a campaign offer with no end yet stays active', () => {
    const open = makeOffer({ expiry: { type: 'WITH_CAMPAIGN', endsAt: null } });
    expect(offerStatusAt(open, '2099-01-01T00:00:00Z')).toBe('ACTIVE');
  });
});

describe('couponStatusAt', () => {
  const at = '2024-11-12T10:00:00Z';
  const offer = makeOffer();

  it('ACTIVE, UNISSUED, REVOKED, EXPIRED', () => {
    expect(couponStatusAt(makeCoupon(), at, offer)).toBe('ACTIVE');
    expect(couponStatusAt(makeCoupon({ issuedAt: null, customerId: null }), at, offer)).toBe(
      'UNISSUED',
    );
    expect(couponStatusAt(makeCoupon({ state: 'REVOKED', issuedAt: null }), at, offer)).toBe(
      'REVOKED',
    );
    expect(couponStatusAt(makeCoupon({ expiresAt: '2024-11-12T09:59:59Z' }), at, offer)).toBe(
      'EXPIRED',
    );
    const ended = makeOffer({ expiry: { type: 'FIXED_DATE', endsAt: '2024-11-01T00:00:00Z' } });
    expect(couponStatusAt(makeCoupon(), at, ended)).toBe('EXPIRED');
  });

  it('REDEEMED once the recipient-only coupon is used (moreThanOnce off → limit 1)', () => {
    expect(couponStatusAt(makeCoupon({ redemptionCount: 1 }), at, offer)).toBe('REDEEMED');
    // Redeemed wins over expired: it was used, not lost.
    const usedThenExpired = makeCoupon({ redemptionCount: 1, expiresAt: '2024-11-01T00:00:00Z' });
    expect(couponStatusAt(usedThenExpired, at, offer)).toBe('REDEEMED');
  });

  it('REDEEMED at the code-level limit when anyone may redeem', () => {
    const shared = makeOffer({ redemption: { allowAnyone: true, codeLimit: 5 } });
    expect(couponStatusAt(makeCoupon({ redemptionCount: 4 }), at, shared)).toBe('ACTIVE');
    expect(couponStatusAt(makeCoupon({ redemptionCount: 5 }), at, shared)).toBe('REDEEMED');
    const unlimited = makeOffer({ redemption: { allowAnyone: true, moreThanOnce: true } });
    expect(couponStatusAt(makeCoupon({ redemptionCount: 500 }), at, unlimited)).toBe('ACTIVE');
  });

  it('recipient-only with a customer limit: the code limit equals it', () => {
    const o = makeOffer({ redemption: { moreThanOnce: true, customerLimit: 3 } });
    expect(couponStatusAt(makeCoupon({ redemptionCount: 2 }), at, o)).toBe('ACTIVE');
    expect(couponStatusAt(makeCoupon({ redemptionCount: 3 }), at, o)).toBe('REDEEMED');
  });

  it('an unissued common code is active (anyone may be given it)', () => {
    const common = makeOffer({ codeGeneration: { method: 'COMMON', code: 'SAVE10' } });
    expect(couponStatusAt(makeCoupon({ issuedAt: null, customerId: null }), at, common)).toBe(
      'ACTIVE',
    );
  });
});
