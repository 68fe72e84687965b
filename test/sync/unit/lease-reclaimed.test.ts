import { describe, expect, it } from 'vitest';
import {
  classificationMeaning,
  classifications,
  classifyRedemption,
  type ClassifyInput,
} from '#shared/sync/classification';

/** A series-limited offer whose 6 units are all redeemed or lent when a late fact arrives. */
const full: ClassifyInput = {
  tillId: 'T1',
  redeemedAt: Date.parse('2026-03-01T10:00:00Z'),
  coupon: { revoked: false, expiresAt: null },
  offerEndsAt: null,
  codeLimit: null,
  priorCodeCount: 0,
  priorCodeTills: [],
  customerCap: null,
  priorCustomerRedemptions: 0,
  seriesLimit: 6,
  seriesRedeemed: 4,
  seriesOutstanding: 2,
  leaseRequired: true,
  leaseValid: false,
};

describe('a sale made within a lease the hub took back (lease_reclaimed)', () => {
  it('is its own classification, never over_limit, and says the limit was passed', () => {
    const r = classifyRedemption({ ...full, leaseReclaimed: true });
    expect(r.classification).toBe('lease_reclaimed');
    expect(r.reasons.map((x) => x.code)).toEqual(['LEASE_RECLAIMED']);
    expect(r.reasons[0]?.message).toMatch(/past the limit/);
  });

  it('says nothing of the limit when it still holds', () => {
    const r = classifyRedemption({ ...full, seriesRedeemed: 1, leaseReclaimed: true });
    expect(r.classification).toBe('lease_reclaimed');
    expect(r.reasons[0]?.message).not.toMatch(/past the limit/);
  });

  it('without good faith (no lease valid at the time) the same fact is over_limit', () => {
    expect(classifyRedemption(full).classification).toBe('over_limit');
    expect(classifyRedemption({ ...full, seriesRedeemed: 1 }).classification).toBe(
      'lease_overdraft',
    );
  });

  it('a valid lease unit never breaks the series limit', () => {
    expect(classifyRedemption({ ...full, leaseValid: true }).classification).toBe('accepted');
  });

  it('code limits and revocation still win over good faith', () => {
    const dup = { ...full, codeLimit: 1, priorCodeCount: 1, priorCodeTills: ['T2'] };
    expect(classifyRedemption({ ...dup, leaseReclaimed: true }).classification).toBe(
      'duplicate_code',
    );
    const revoked = { ...full, coupon: { revoked: true, expiresAt: null } };
    expect(classifyRedemption({ ...revoked, leaseReclaimed: true }).classification).toBe(
      'revoked_or_expired',
    );
  });

  it('is listed with a meaning for back office', () => {
    expect(classifications).toContain('lease_reclaimed');
    expect(classificationMeaning.lease_reclaimed).toMatch(/good faith/);
  });
});
