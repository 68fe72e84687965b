import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRedemption, type ClassifyInput } from '#shared/sync/classification';

const base: ClassifyInput = {
  tillId: 'T1',
  redeemedAt: Date.parse('2026-03-01T10:00:00Z'),
  coupon: { revoked: false, expiresAt: null },
  offerEndsAt: null,
  codeLimit: 1,
  priorCodeCount: 0,
  priorCodeTills: [],
  customerCap: null,
  priorCustomerRedemptions: 0,
  seriesLimit: null,
  seriesRedeemed: 0,
  seriesOutstanding: 0,
  leaseRequired: false,
  leaseValid: false,
};

const classify = (patch: Partial<ClassifyInput>) => classifyRedemption({ ...base, ...patch });

describe('classifyRedemption', () => {
  it('accepts a redemption within every limit', () => {
    expect(classify({})).toEqual({ classification: 'accepted', reasons: [] });
  });

  it('calls a single-use code redeemed at another till a duplicate_code', () => {
    const r = classify({ priorCodeCount: 1, priorCodeTills: ['T2'] });
    expect(r.classification).toBe('duplicate_code');
    expect(r.reasons.map((x) => x.code)).toEqual(['DUPLICATE_CODE']);
    expect(r.reasons[0]?.message).toContain('T2');
  });

  it('calls a single-use code redeemed twice at the same till over_limit, not a duplicate', () => {
    expect(classify({ priorCodeCount: 1, priorCodeTills: ['T1'] }).classification).toBe(
      'over_limit',
    );
  });

  it('calls a multi-use code past its limit over_limit even across tills', () => {
    const r = classify({
      codeLimit: 2,
      priorCodeCount: 2,
      priorCodeTills: ['T2', 'T3'],
    });
    expect(r.classification).toBe('over_limit');
    expect(r.reasons[0]?.code).toBe('CODE_LIMIT_REACHED');
  });

  it('checks the per-customer cap', () => {
    const r = classify({ codeLimit: null, customerCap: 1, priorCustomerRedemptions: 1 });
    expect(r.classification).toBe('over_limit');
    expect(r.reasons[0]?.code).toBe('CUSTOMER_LIMIT_REACHED');
  });

  it('prefers revoked_or_expired over every other verdict', () => {
    const r = classify({
      coupon: { revoked: true, expiresAt: null },
      priorCodeCount: 1,
      priorCodeTills: ['T2'],
    });
    expect(r.classification).toBe('revoked_or_expired');
    expect(r.reasons.map((x) => x.code)).toEqual(['COUPON_REVOKED', 'DUPLICATE_CODE']);
  });

  it('uses the till time for expiry', () => {
    const expired = classify({ coupon: { revoked: false, expiresAt: base.redeemedAt - 1 } });
    expect(expired.classification).toBe('revoked_or_expired');
    const fine = classify({ coupon: { revoked: false, expiresAt: base.redeemedAt + 1 } });
    expect(fine.classification).toBe('accepted');
    expect(classify({ offerEndsAt: base.redeemedAt - 1 }).reasons[0]?.code).toBe('OFFER_EXPIRED');
  });

  it('is lease_overdraft without a valid unit while the limit still holds', () => {
    const r = classify({
      codeLimit: null,
      seriesLimit: 10,
      seriesRedeemed: 3,
      seriesOutstanding: 4,
      leaseRequired: true,
      leaseValid: false,
    });
    expect(r.classification).toBe('lease_overdraft');
    expect(r.reasons.map((x) => x.code)).toEqual(['LEASE_OVERDRAFT']);
  });

  it('is over_limit without a valid unit when units were redeemed or lent out', () => {
    const r = classify({
      codeLimit: null,
      seriesLimit: 10,
      seriesRedeemed: 6,
      seriesOutstanding: 4,
      leaseRequired: true,
      leaseValid: false,
    });
    expect(r.classification).toBe('over_limit');
    expect(r.reasons.map((x) => x.code)).toEqual(['SERIES_LIMIT_REACHED', 'LEASE_OVERDRAFT']);
  });

  it('accepts a redemption that spends a valid lease unit even when the book looks full', () => {
    // The unit was counted in outstanding: spending it keeps redeemed + outstanding the same.
    const r = classify({
      codeLimit: null,
      seriesLimit: 10,
      seriesRedeemed: 6,
      seriesOutstanding: 4,
      leaseRequired: true,
      leaseValid: true,
    });
    expect(r.classification).toBe('accepted');
  });

  it('always gives a reason for anything but accepted, and none for accepted', () => {
    const arb = fc.record({
      revoked: fc.boolean(),
      expiresDelta: fc.option(fc.integer({ min: -1000, max: 1000 })),
      codeLimit: fc.option(fc.integer({ min: 1, max: 3 })),
      priors: fc.array(fc.constantFrom('T1', 'T2', 'T3'), { maxLength: 4 }),
      customerCap: fc.option(fc.integer({ min: 1, max: 3 })),
      customerPriors: fc.integer({ min: 0, max: 4 }),
      seriesLimit: fc.option(fc.integer({ min: 1, max: 20 })),
      seriesRedeemed: fc.integer({ min: 0, max: 20 }),
      outstanding: fc.integer({ min: 0, max: 20 }),
      leaseRequired: fc.boolean(),
      leaseValid: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const r = classify({
          coupon: {
            revoked: a.revoked,
            expiresAt: a.expiresDelta === null ? null : base.redeemedAt + a.expiresDelta,
          },
          codeLimit: a.codeLimit,
          priorCodeCount: a.priors.length,
          priorCodeTills: [...new Set(a.priors)],
          customerCap: a.customerCap,
          priorCustomerRedemptions: a.customerPriors,
          seriesLimit: a.seriesLimit,
          seriesRedeemed: a.seriesRedeemed,
          seriesOutstanding: a.outstanding,
          leaseRequired: a.leaseRequired,
          leaseValid: a.leaseValid,
        });
        expect(r.classification === 'accepted').toBe(r.reasons.length === 0);
        if (a.revoked) expect(r.classification).toBe('revoked_or_expired');
      }),
    );
  });
});
