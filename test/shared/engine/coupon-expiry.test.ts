import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { couponExpiresAt } from '../../../src-shared/engine';
import { makeOffer, type OfferOverrides } from './fixtures';

const local = (iso: string | null, zone: string): string | null =>
  iso === null ? null : DateTime.fromISO(iso).setZone(zone).toISO();

const withExpiry = (couponExpiry: OfferOverrides['couponExpiry'], o: OfferOverrides = {}) =>
  makeOffer({ couponExpiry, ...o });

describe('couponExpiresAt — seed examples (Asia/Kolkata)', () => {
  const zone = 'Asia/Kolkata';
  // 00:30 local on 12 Nov is still 11 Nov in UTC: the local date must win.
  const issuedAt = '2024-11-12T00:30:00+05:30';

  it.each([
    [0, '2024-11-12T23:59:59.999+05:30'],
    [1, '2024-11-13T23:59:59.999+05:30'],
  ])('%i days from issue on 12 Nov → %s', (days, expected) => {
    const out = couponExpiresAt(withExpiry({ type: 'DAYS_FROM_ISSUE', days }), issuedAt, zone);
    expect(local(out, zone)).toBe(expected);
    expect(out).toMatch(/Z$/);
  });

  it.each([
    [0, '2024-11-30T23:59:59.999+05:30'],
    [1, '2024-12-31T23:59:59.999+05:30'],
    [3, '2025-02-28T23:59:59.999+05:30'],
  ])('%i month-ends from issue on 12 Nov → %s', (months, expected) => {
    const offer = withExpiry({ type: 'MONTH_ENDS_FROM_ISSUE', months });
    expect(local(couponExpiresAt(offer, issuedAt, zone), zone)).toBe(expected);
  });
});

describe('couponExpiresAt — America/New_York, across DST', () => {
  const zone = 'America/New_York';

  it('end of day after the autumn change is 23:59:59.999 EST, not 24 h arithmetic', () => {
    // 2 Nov 2024 is EDT (-04:00); clocks fall back on 3 Nov.
    const out = couponExpiresAt(
      withExpiry({ type: 'DAYS_FROM_ISSUE', days: 1 }),
      '2024-11-02T12:00:00-04:00',
      zone,
    );
    expect(local(out, zone)).toBe('2024-11-03T23:59:59.999-05:00');
    expect(out).toBe('2024-11-04T04:59:59.999Z');
  });

  it('end of day after the spring change is 23:59:59.999 EDT', () => {
    const out = couponExpiresAt(
      withExpiry({ type: 'DAYS_FROM_ISSUE', days: 2 }),
      '2024-03-09T22:00:00-05:00',
      zone,
    );
    expect(out).toBe('2024-03-12T03:59:59.999Z');
  });

  it('issue late in the evening is still that local day', () => {
    // 23:30 EST on 12 Nov is 04:30 UTC on 13 Nov.
    const out = couponExpiresAt(
      withExpiry({ type: 'DAYS_FROM_ISSUE', days: 0 }),
      '2024-11-13T04:30:00Z',
      zone,
    );
    expect(local(out, zone)).toBe('2024-11-12T23:59:59.999-05:00');
  });

  it('month ends through the March change', () => {
    const offer = withExpiry({ type: 'MONTH_ENDS_FROM_ISSUE', months: 1 });
    const out = couponExpiresAt(offer, '2024-02-20T10:00:00-05:00', zone);
    expect(local(out, zone)).toBe('2024-03-31T23:59:59.999-04:00');
  });
});

describe('couponExpiresAt — the offer end', () => {
  const zone = 'Asia/Kolkata';
  const endsAt = '2024-11-20T18:00:00Z';
  const ending = { expiry: { type: 'FIXED_DATE' as const, endsAt } };

  it('WITH_OFFER expires with the offer', () => {
    const out = couponExpiresAt(
      withExpiry({ type: 'WITH_OFFER' }, ending),
      '2024-11-12T10:00:00Z',
      zone,
    );
    expect(out).toBe('2024-11-20T18:00:00.000Z');
  });

  it('WITH_OFFER on a campaign offer with no end yet never expires', () => {
    const offer = withExpiry(
      { type: 'WITH_OFFER' },
      { expiry: { type: 'WITH_CAMPAIGN', endsAt: null } },
    );
    expect(couponExpiresAt(offer, '2024-11-12T10:00:00Z', zone)).toBeNull();
  });

  it('WITH_OFFER on a loyalty-claimed offer never expires', () => {
    const offer = withExpiry(
      { type: 'WITH_OFFER' },
      {
        ...ending,
        claim: {
          consumerType: 'LOYALTY',
          consumerId: 'prog-1',
          consumerName: 'Gold',
          claimedAt: '2024-01-01T00:00:00Z',
        },
      },
    );
    expect(couponExpiresAt(offer, '2024-11-12T10:00:00Z', zone)).toBeNull();
  });

  it.each([
    [{ type: 'DAYS_FROM_ISSUE' as const, days: 30 }],
    [{ type: 'MONTH_ENDS_FROM_ISSUE' as const, months: 2 }],
  ])('%o is never later than the offer end', (rule) => {
    const out = couponExpiresAt(withExpiry(rule, ending), '2024-11-12T10:00:00Z', zone);
    expect(out).toBe('2024-11-20T18:00:00.000Z');
  });

  it('keeps its own expiry when that is earlier than the offer end', () => {
    const offer = withExpiry({ type: 'DAYS_FROM_ISSUE', days: 1 }, ending);
    expect(local(couponExpiresAt(offer, '2024-11-12T10:00:00Z', zone), zone)).toBe(
      '2024-11-13T23:59:59.999+05:30',
    );
  });

  it('rejects an unknown time zone loudly', () => {
    const offer = withExpiry({ type: 'DAYS_FROM_ISSUE', days: 1 });
    expect(() => couponExpiresAt(offer, '2024-11-12T10:00:00Z', 'Mars/Olympus')).toThrow(
      /Mars\/Olympus/,
    );
  });
});
