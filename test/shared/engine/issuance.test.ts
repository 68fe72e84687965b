import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { PastIssuance } from '#shared/domain/coupon';
import { checkIssuance } from '../../../src-shared/engine';
import type { IssuanceFacts } from '#shared/engine/types';
import { codesOf, makeCustomer, makeOffer, pastIssuance, type OfferOverrides } from './fixtures';

const zone = 'Asia/Kolkata';
const at = '2024-11-12T12:00:00+05:30';
const facts = (o: OfferOverrides = {}, f: Partial<IssuanceFacts> = {}): IssuanceFacts => ({
  offer: makeOffer(o),
  customer: makeCustomer('cust-A'),
  at,
  timeZone: zone,
  customerIssuances: [],
  offerIssuedCount: 0,
  restrictedIssuances: [],
  inAudience: false,
  ...f,
});

describe('checkIssuance', () => {
  it('issues with the coupon expiry and no threshold by default', () => {
    const r = checkIssuance(facts({ couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 0 } }));
    expect(r.ok && r.value).toEqual({
      action: 'ISSUE',
      expiresAt: '2024-11-12T18:29:59.999Z',
      thresholdReached: false,
    });
  });

  it('NOT_IN_AUDIENCE when issuing to specific customers only', () => {
    const issuance = { specificCustomersOnly: true };
    expect(codesOf(checkIssuance(facts({ issuance })))).toEqual(['NOT_IN_AUDIENCE']);
    expect(checkIssuance(facts({ issuance }, { inAudience: true })).ok).toBe(true);
    // The list has no say while the offer issues to everyone.
    expect(checkIssuance(facts({}, { inAudience: false })).ok).toBe(true);
  });

  it('MAX_ISSUALS_PER_CUSTOMER_REACHED at the maximum', () => {
    const two = [pastIssuance(), pastIssuance()];
    const o = { issuance: { maxPerCustomer: 2 } };
    expect(checkIssuance(facts(o, { customerIssuances: two.slice(0, 1) })).ok).toBe(true);
    expect(codesOf(checkIssuance(facts(o, { customerIssuances: two })))).toEqual([
      'MAX_ISSUALS_PER_CUSTOMER_REACHED',
    ]);
  });

  it('ISSUAL_GAP_NOT_MET counts calendar days in the given zone', () => {
    const o = { issuance: { minGapDays: 1 } };
    const last = pastIssuance({ issuedAt: '2024-11-11T23:30:00+05:30' });
    expect(checkIssuance(facts(o, { customerIssuances: [last] })).ok).toBe(true);
    const sameDay = pastIssuance({ issuedAt: '2024-11-12T00:10:00+05:30' });
    const r = checkIssuance(facts(o, { customerIssuances: [sameDay] }));
    expect(codesOf(r)).toEqual(['ISSUAL_GAP_NOT_MET']);
    expect(r.ok ? '' : r.reasons[0]?.message).toMatch(/from 13 Nov 2024/);
  });

  it('ISSUAL_LIMIT_REACHED and the notify threshold', () => {
    const o = { issuance: { totalLimit: 10, notifyThreshold: 3 } };
    const at5 = checkIssuance(facts(o, { offerIssuedCount: 5 }));
    expect(at5.ok && at5.value.action === 'ISSUE' && at5.value.thresholdReached).toBe(false);
    // After this issue 10 - 7 = 3 remain: at the threshold.
    const at6 = checkIssuance(facts(o, { offerIssuedCount: 6 }));
    expect(at6.ok && at6.value.action === 'ISSUE' && at6.value.thresholdReached).toBe(true);
    expect(codesOf(checkIssuance(facts(o, { offerIssuedCount: 10 })))).toEqual([
      'ISSUAL_LIMIT_REACHED',
    ]);
  });

  it('RECEIVED_RESTRICTED_OFFER within the last 6 months only', () => {
    const o = { issuance: { restrictPastIssualsOfOfferIds: ['offer-old'] } };
    const recent = pastIssuance({ offerId: 'offer-old', issuedAt: '2024-05-12T12:00:00+05:30' });
    const stale = pastIssuance({ offerId: 'offer-old', issuedAt: '2024-05-12T11:59:00+05:30' });
    const unrelated = pastIssuance({ offerId: 'offer-x', issuedAt: '2024-11-01T00:00:00Z' });
    expect(codesOf(checkIssuance(facts(o, { restrictedIssuances: [recent] })))).toEqual([
      'RECEIVED_RESTRICTED_OFFER',
    ]);
    expect(checkIssuance(facts(o, { restrictedIssuances: [stale, unrelated] })).ok).toBe(true);
  });

  it('GENERIC_ALREADY_ISSUED for a second COMMON coupon', () => {
    const o = { codeGeneration: { method: 'COMMON' as const, code: 'WELCOME10' } };
    expect(checkIssuance(facts(o)).ok).toBe(true);
    expect(codesOf(checkIssuance(facts(o, { customerIssuances: [pastIssuance()] })))).toEqual([
      'GENERIC_ALREADY_ISSUED',
    ]);
  });

  it('OFFER_EXPIRED: no issuing from an ended offer', () => {
    const o = { expiry: { type: 'FIXED_DATE' as const, endsAt: '2024-11-01T00:00:00Z' } };
    expect(codesOf(checkIssuance(facts(o)))).toEqual(['OFFER_EXPIRED']);
  });

  it('lists every blocking rule', () => {
    const o = {
      codeGeneration: { method: 'COMMON' as const, code: 'WELCOME10' },
      issuance: {
        specificCustomersOnly: true,
        maxPerCustomer: 1,
        minGapDays: 5,
        totalLimit: 1,
        restrictPastIssualsOfOfferIds: ['offer-old'],
      },
    };
    const r = checkIssuance(
      facts(o, {
        customerIssuances: [pastIssuance({ issuedAt: '2024-11-10T00:00:00Z' })],
        offerIssuedCount: 1,
        restrictedIssuances: [pastIssuance({ offerId: 'offer-old' })],
      }),
    );
    expect(codesOf(r)).toEqual([
      'GENERIC_ALREADY_ISSUED',
      'ISSUAL_GAP_NOT_MET',
      'ISSUAL_LIMIT_REACHED',
      'MAX_ISSUALS_PER_CUSTOMER_REACHED',
      'NOT_IN_AUDIENCE',
      'RECEIVED_RESTRICTED_OFFER',
    ]);
  });

  describe('re-match policy', () => {
    const held = [
      pastIssuance({ couponId: 'old', issuedAt: '2024-10-01T00:00:00Z', stillValid: true }),
      pastIssuance({ couponId: 'newer', issuedAt: '2024-10-05T00:00:00Z', stillValid: true }),
      pastIssuance({ couponId: 'used', issuedAt: '2024-10-09T00:00:00Z', stillValid: false }),
    ];
    it('SEND_EXISTING resends the latest still-valid coupon when a rule blocks', () => {
      const o = { issuance: { maxPerCustomer: 3, onRematch: 'SEND_EXISTING' as const } };
      const r = checkIssuance(facts(o, { customerIssuances: held }));
      expect(r).toEqual({ ok: true, value: { action: 'SEND_EXISTING', couponId: 'newer' } });
    });
    it('SEND_EXISTING with nothing valid held is still the failure', () => {
      const o = { issuance: { maxPerCustomer: 1, onRematch: 'SEND_EXISTING' as const } };
      const r = checkIssuance(facts(o, { customerIssuances: [held[2]!] }));
      expect(codesOf(r)).toEqual(['MAX_ISSUALS_PER_CUSTOMER_REACHED']);
    });
    it('SEND_NOTHING returns the failure', () => {
      const o = { issuance: { maxPerCustomer: 3, onRematch: 'SEND_NOTHING' as const } };
      expect(codesOf(checkIssuance(facts(o, { customerIssuances: held })))).toEqual([
        'MAX_ISSUALS_PER_CUSTOMER_REACHED',
      ]);
    });
  });

  it('third-party delivery ignores audience, per-customer maximum and gap', () => {
    const o = {
      delivery: 'THIRD_PARTY' as const,
      codeGeneration: { method: 'UPLOADED' as const },
      issuance: { specificCustomersOnly: true, maxPerCustomer: 1, minGapDays: 3, totalLimit: 5 },
    };
    const mine = [pastIssuance({ issuedAt: '2024-11-12T09:00:00+05:30' })];
    expect(checkIssuance(facts(o, { customerIssuances: mine, offerIssuedCount: 4 })).ok).toBe(true);
    // The total issual limit still holds.
    expect(codesOf(checkIssuance(facts(o, { offerIssuedCount: 5 })))).toEqual([
      'ISSUAL_LIMIT_REACHED',
    ]);
  });
});

/**
 * The four "Error scenarios when issuing multiple coupons to a customer" of the coupon
 * management seed, at the engine level: rows of an upload are fed to checkIssuance one after
 * another, each accepted row becoming a past issuance of the next.
 */
describe('upload error scenarios (coupon management seed)', () => {
  class Upload {
    issued: PastIssuance[] = [];
    constructor(readonly o: OfferOverrides) {}
    run(rows: number, atIso = at): string[] {
      const out: string[] = [];
      for (let i = 0; i < rows; i++) {
        const r = checkIssuance(
          facts(this.o, {
            at: atIso,
            customerIssuances: this.issued,
            offerIssuedCount: this.issued.length,
          }),
        );
        if (r.ok) {
          this.issued.push(pastIssuance({ issuedAt: atIso }));
          out.push('ISSUED');
        } else out.push(codesOf(r).join('+'));
      }
      return out;
    }
  }
  const discCode = {
    codeGeneration: { method: 'UNIQUE_AUTO' as const, length: 8, charset: 'NUMERIC' as const },
  };

  it('(a) max 3 per customer, no gap, no series limit', () => {
    const upload = new Upload({ ...discCode, issuance: { maxPerCustomer: 3 } });
    const full = 'MAX_ISSUALS_PER_CUSTOMER_REACHED';
    expect(upload.run(4)).toEqual(['ISSUED', 'ISSUED', 'ISSUED', full]);
    expect(upload.run(4)).toEqual([full, full, full, full]);
    expect(upload.run(1)).toEqual([full]);
    expect(upload.issued).toHaveLength(3);
  });

  it('(b) max 3 per customer, min gap 1 day: rows on the same day', () => {
    const upload = new Upload({ ...discCode, issuance: { maxPerCustomer: 3, minGapDays: 1 } });
    const gap = 'ISSUAL_GAP_NOT_MET';
    expect(upload.run(4)).toEqual(['ISSUED', gap, gap, gap]);
    // The next local day the customer may get one more.
    const tomorrow = DateTime.fromISO(at).plus({ days: 1 }).toISO()!;
    expect(upload.run(1, tomorrow)).toEqual(['ISSUED']);
  });

  it('(c) no per-customer limit, series limit 2', () => {
    const upload = new Upload({ ...discCode, issuance: { totalLimit: 2 } });
    const full = 'ISSUAL_LIMIT_REACHED';
    expect(upload.run(4)).toEqual(['ISSUED', 'ISSUED', full, full]);
  });

  it('(d) generic (common code) series: one per customer', () => {
    const upload = new Upload({ codeGeneration: { method: 'COMMON', code: 'GENERIC1' } });
    const dup = 'GENERIC_ALREADY_ISSUED';
    expect(upload.run(4)).toEqual(['ISSUED', dup, dup, dup]);
    expect(upload.run(4)).toEqual([dup, dup, dup, dup]);
  });
});
