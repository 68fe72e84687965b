import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseLocale } from '#renderer/lib/display-locale';
import {
  dayStartIn,
  endOfDayIn,
  formatCalendarDate,
  formatInstant,
  fromZonedInput,
  toZonedInput,
  todayIn,
  zoneLabel,
} from '#renderer/lib/time-format';

const NY = 'America/New_York';
/** ICU versions differ on the space before am/pm (U+202F or U+0020); the tests read words. */
const plain = (s: string) => s.replace(/\u202f/g, ' ');
const gb = { locale: 'en-GB' } as const;

describe('chooseLocale', () => {
  it('replaces the browser default (plain US English) with English of the org region', () => {
    expect(chooseLocale(['en-US'], 'INR')).toBe('en-IN');
    expect(chooseLocale(['en'], 'AED')).toBe('en-AE');
    expect(chooseLocale([], null)).toBe('en-GB');
    expect(chooseLocale(['en-US'], 'USD')).toBe('en-US');
  });
  it('keeps a locale the viewer chose', () => {
    expect(chooseLocale(['en-GB', 'en'], 'INR')).toBe('en-GB');
    expect(chooseLocale(['hi-IN'], 'AED')).toBe('hi-IN');
  });
});

describe('zoneLabel', () => {
  it('uses the names people know, not GMT offsets', () => {
    expect(zoneLabel('2025-01-31T18:29:00Z', 'Asia/Kolkata')).toBe('IST');
    expect(zoneLabel('2025-01-31T18:29:00Z', 'Asia/Dubai')).toBe('GST');
    expect(zoneLabel('2025-03-09T06:59:00Z', NY)).toBe('EST');
    expect(zoneLabel('2025-03-09T07:00:00Z', NY)).toBe('EDT');
  });
  it('falls back to the offset where a zone has no short name, and UTC for no zone', () => {
    expect(zoneLabel('2025-01-31T18:29:00Z', 'Asia/Kathmandu')).toMatch(/^(GMT\+5:45|NPT)$/);
    expect(zoneLabel('2025-01-31T18:29:00Z', 'Not/AZone')).toBe('UTC');
  });
});

describe('formatInstant', () => {
  it('shows the store zone wall time, labelled, day before month', () => {
    expect(plain(formatInstant('2025-01-31T18:29:00Z', 'Asia/Kolkata', gb))).toBe(
      '31 Jan 2025, 23:59 IST',
    );
    expect(plain(formatInstant('2025-01-31T18:29:00Z', 'Asia/Dubai', gb))).toBe(
      '31 Jan 2025, 22:29 GST',
    );
    expect(plain(formatInstant('2025-01-31T18:29:00Z', 'Asia/Kolkata', { locale: 'en-IN' }))).toBe(
      '31 Jan 2025, 11:59 pm IST',
    );
  });
  it('US order only where the locale is US', () => {
    expect(plain(formatInstant('2025-01-31T18:29:00Z', NY, { locale: 'en-US' }))).toBe(
      'Jan 31, 2025, 01:29 PM EST',
    );
  });
  it('spring forward and fall back in New York are told apart by their labels', () => {
    expect(formatInstant('2025-11-02T05:30:00Z', NY, gb)).toBe('2 Nov 2025, 01:30 EDT');
    expect(formatInstant('2025-11-02T06:30:00Z', NY, gb)).toBe('2 Nov 2025, 01:30 EST');
    expect(formatInstant('2025-03-09T07:00:00Z', NY, gb)).toBe('9 Mar 2025, 03:00 EDT');
  });
  it('a date is the zone calendar day and names no zone', () => {
    expect(formatInstant('2025-03-09T20:00:00Z', 'Asia/Kolkata', { ...gb, style: 'date' })).toBe(
      '10 Mar 2025',
    );
    expect(formatInstant('2025-03-09T20:00:00Z', NY, { ...gb, style: 'date' })).toBe('9 Mar 2025');
  });
  it('unknown zones read as UTC, labelled; nothing and non-instants pass through', () => {
    expect(formatInstant('2025-01-31T18:29:00Z', 'Mars/Base', gb)).toBe('31 Jan 2025, 18:29 UTC');
    expect(formatInstant(null, 'UTC')).toBe('—');
    expect(formatInstant('soon', 'UTC')).toBe('soon');
  });
});

describe('calendar dates', () => {
  it('format without shifting a day', () => {
    expect(formatCalendarDate('2025-01-31', 'en-GB')).toBe('31 Jan 2025');
    expect(formatCalendarDate('', 'en-GB')).toBe('—');
  });
  it('today and end of day follow the zone calendar, not the computer', () => {
    const now = new Date('2025-01-31T20:00:00Z'); // already 1 Feb in Kolkata
    expect(todayIn('Asia/Kolkata', now)).toBe('2025-02-01');
    expect(todayIn(NY, now)).toBe('2025-01-31');
    expect(endOfDayIn('Asia/Kolkata', 0, now)).toBe('2025-02-01T18:29:00.000Z');
  });
});

describe('zoned datetime-local input', () => {
  it('31 Jan 23:59 entered for a Kolkata org is 18:29 UTC, whatever zone this computer is in', () => {
    expect(fromZonedInput('2025-01-31T23:59', 'Asia/Kolkata')).toBe('2025-01-31T18:29:00.000Z');
    expect(toZonedInput('2025-01-31T18:29:00.000Z', 'Asia/Kolkata')).toBe('2025-01-31T23:59');
    expect(fromZonedInput('', 'Asia/Kolkata')).toBeNull();
    expect(fromZonedInput('not a date', 'Asia/Kolkata')).toBeNull();
  });
  it('a wall time skipped by spring forward moves past the gap', () => {
    expect(fromZonedInput('2025-03-09T02:30', NY)).toBe('2025-03-09T07:30:00.000Z');
  });
  it('round-trips every minute-aligned instant in zones with and without summer time', () => {
    const zones = ['Asia/Kolkata', 'Asia/Dubai', NY, 'Europe/London', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
        fc.constantFrom(...zones),
        (secs, zone) => {
          const iso = new Date(Math.floor(secs / 60) * 60_000).toISOString();
          const wall = toZonedInput(iso, zone);
          const back = fromZonedInput(wall, zone);
          // A repeated wall hour maps back to one of its two instants, never elsewhere.
          expect(toZonedInput(back, zone)).toBe(wall);
        },
      ),
    );
  });
});

describe('dayStartIn', () => {
  it('a day filter starts at midnight on the zone calendar', () => {
    expect(dayStartIn('Asia/Kolkata', '2025-02-01', 0)).toBe('2025-01-31T18:30:00.000Z');
    expect(dayStartIn('Asia/Dubai', '2025-02-01', 1)).toBe('2025-02-01T20:00:00.000Z');
    expect(dayStartIn('Asia/Dubai', 'nope', 0)).toBeNull();
  });
});
