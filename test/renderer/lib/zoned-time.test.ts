import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  isRepeatedWallTime,
  needsZoneLabel,
  zoneAbbreviation,
} from '../../../src-renderer/lib/zoned-time';
import { zoneOf } from '../../../src-renderer/lib/zone-of';

const NY = 'America/New_York';
/** ICU versions differ on the space before AM/PM (U+202F or U+0020); the tests read words. */
const formatted = (...args: Parameters<typeof formatInZone>): string =>
  formatInZone(...args).replace(/\u202f/g, ' ');
const us = (viewerZone: string) => ({ locale: 'en-US', viewerZone }) as const;

describe('formatInZone', () => {
  it('shows the store zone wall time whatever the viewer zone, naming a foreign zone', () => {
    // 07:00 UTC is 12:30 in Kolkata; a viewer in New York must not see 3:00 AM.
    expect(formatted('2025-03-09T07:00:00Z', 'Asia/Kolkata', us(NY))).toBe(
      'Mar 9, 2025, 12:30 PM GMT+5:30',
    );
    expect(formatted('2025-03-09T07:00:00Z', 'Asia/Kolkata', us('Asia/Kolkata'))).toBe(
      'Mar 9, 2025, 12:30 PM',
    );
    // An alias with the same offset reads the same clock: no label needed.
    expect(needsZoneLabel('2025-03-09T07:00:00Z', 'Asia/Kolkata', 'Asia/Calcutta')).toBe(false);
  });

  it('spring forward in New York: 01:59 EST is followed by 03:00 EDT, never 02:xx', () => {
    const o = us(NY);
    expect(formatted('2025-03-09T06:59:00Z', NY, o)).toBe('Mar 9, 2025, 1:59 AM');
    expect(formatted('2025-03-09T07:00:00Z', NY, o)).toBe('Mar 9, 2025, 3:00 AM');
    expect(zoneAbbreviation('2025-03-09T06:59:00Z', NY, 'en-US')).toBe('EST');
    expect(zoneAbbreviation('2025-03-09T07:00:00Z', NY, 'en-US')).toBe('EDT');
  });

  it('fall back in New York: the repeated 01:30 is labelled EDT then EST; 02:30 is not', () => {
    const o = us(NY);
    expect(formatted('2025-11-02T05:30:00Z', NY, o)).toBe('Nov 2, 2025, 1:30 AM EDT');
    expect(formatted('2025-11-02T06:30:00Z', NY, o)).toBe('Nov 2, 2025, 1:30 AM EST');
    expect(formatted('2025-11-02T07:30:00Z', NY, o)).toBe('Nov 2, 2025, 2:30 AM');
    expect(formatted('2025-11-02T04:30:00Z', NY, o)).toBe('Nov 2, 2025, 12:30 AM');
  });

  it('London across its spring change, seen from Kolkata: GMT then BST', () => {
    const o = { ...us('Asia/Kolkata'), style: 'compact' as const, locale: 'en-GB' };
    expect(formatted('2025-03-30T00:59:00Z', 'Europe/London', o)).toBe('30 Mar, 00:59 GMT');
    expect(formatted('2025-03-30T01:00:00Z', 'Europe/London', o)).toBe('30 Mar, 02:00 BST');
  });

  it('a calendar date is the store zone date, which may differ from the viewer date', () => {
    // 20:00 UTC on 9 March is already 10 March in Kolkata and still 9 March in New York.
    expect(formatted('2025-03-09T20:00:00Z', 'Asia/Kolkata', { ...us(NY), style: 'date' })).toBe(
      'Mar 10, 2025',
    );
    expect(formatted('2025-03-09T20:00:00Z', NY, { ...us(NY), style: 'date' })).toBe('Mar 9, 2025');
  });

  it('labels on request, and falls back to labelled UTC for a missing or unknown zone', () => {
    expect(formatted('2025-06-01T12:00:00Z', NY, { ...us(NY), zoneLabel: 'always' })).toBe(
      'Jun 1, 2025, 8:00 AM EDT',
    );
    expect(formatted('2025-06-01T12:00:00Z', 'Mars/Olympus', us(NY))).toBe(
      'Jun 1, 2025, 12:00 PM UTC',
    );
    expect(formatted('2025-06-01T12:00:00Z', null, us(NY))).toBe('Jun 1, 2025, 12:00 PM UTC');
    expect(formatted(null, NY)).toBe('—');
    expect(formatted('not a time', NY)).toBe('not a time');
  });

  it('property: the shown wall time is the zone local time of the instant', () => {
    const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        (ms, zone, viewer) => {
          const iso = new Date(ms).toISOString();
          const text = formatInZone(iso, zone, {
            locale: 'en-GB',
            viewerZone: viewer,
            style: 'compact',
          });
          const local = DateTime.fromMillis(ms, { zone });
          const wall = local.setLocale('en-GB').toFormat('d LLL, HH:mm');
          expect(text.startsWith(wall)).toBe(true);
          // Labelled exactly when the viewer's clock differs or the wall time repeats.
          const labelled = text.length > wall.length;
          const differs = DateTime.fromMillis(ms, { zone: viewer }).offset !== local.offset;
          expect(labelled).toBe(differs || isRepeatedWallTime(local));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('zoneOf', () => {
  const org = [
    { id: 'C', type: 'CONCEPT', parentId: null, timeZone: null },
    { id: 'Z', type: 'ZONE', parentId: 'C', timeZone: null },
    { id: 'S-NY', type: 'STORE', parentId: 'Z', timeZone: NY },
    { id: 'S-DXB', type: 'STORE', parentId: 'Z', timeZone: 'Asia/Dubai' },
    { id: 'T-NY-1', type: 'TILL', parentId: 'S-NY', timeZone: null },
  ];
  it('a store uses its zone, a till its store, anything else the org default', () => {
    expect(zoneOf(org, 'S-DXB', 'Asia/Kolkata')).toBe('Asia/Dubai');
    expect(zoneOf(org, 'T-NY-1', 'Asia/Kolkata')).toBe(NY);
    expect(zoneOf(org, 'Z', 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(zoneOf(org, 'gone', 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(zoneOf(org, null, 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(zoneOf(null, 'S-NY', 'UTC')).toBe('UTC');
  });
});
