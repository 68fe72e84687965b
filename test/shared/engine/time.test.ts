import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { inZone, instantMs, isValidZone, parseInstant } from '#shared/engine/time';

/** The remembered parses answer exactly what a fresh luxon parse would, offsets and all. */
describe('engine/time: remembered instants', () => {
  const texts = [
    '2026-11-01T10:00:00Z',
    '2026-11-01T10:00:00.123+05:30',
    '2026-03-29T01:30:00-04:00',
    '2026-11-01',
    'not a time',
    '2026-02-30T10:00:00Z',
  ];

  it('parses each text as luxon does, keeping its offset, and null for non-instants', () => {
    // Twice over more texts than the memory holds, so answers after it was emptied count too.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 600; i++) {
        const text =
          i < texts.length
            ? (texts[i] as string)
            : `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`;
        const fresh = DateTime.fromISO(text, { setZone: true });
        const got = parseInstant(text);
        if (!fresh.isValid) expect(got).toBeNull();
        else {
          expect(got?.toMillis()).toBe(fresh.toMillis());
          expect(got?.offset).toBe(fresh.offset);
          expect(got?.zoneName).toBe(fresh.zoneName);
        }
      }
    }
  });

  it('hands out one immutable DateTime per text: changing a copy leaves the remembered one', () => {
    const a = parseInstant('2026-11-01T10:00:00+05:30') as DateTime;
    const moved = a.setZone('UTC+3').plus({ days: 1 });
    const b = parseInstant('2026-11-01T10:00:00+05:30') as DateTime;
    expect(b).toBe(a);
    expect(b.toISO()).toBe('2026-11-01T10:00:00.000+05:30');
    expect(moved.toMillis()).toBe(a.toMillis() + 86_400_000);
  });

  it('zones and derived helpers agree with the uncached forms', () => {
    expect(isValidZone('Asia/Kolkata')).toBe(true);
    expect(isValidZone('Asia/Kolkata')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(inZone('2026-11-01T10:00:00Z', 'Asia/Kolkata').toFormat('HH:mm')).toBe('15:30');
    expect(() => inZone('nope', 'Asia/Kolkata')).toThrow(RangeError);
    expect(() => inZone('2026-11-01T10:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
    expect(instantMs('2026-11-01T10:00:00.500Z')).toBe(Date.UTC(2026, 10, 1, 10, 0, 0, 500));
    expect(() => instantMs('nope')).toThrow(RangeError);
  });
});
