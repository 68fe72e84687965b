import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeParam,
  parseArray,
  parseBytea,
  parseInt8,
  parseTimestamp,
  parseTimestamptz,
  valueParserFor,
} from '#server/platform/db/value-shapes';

describe('parseTimestamptz', () => {
  it('turns PostgreSQL ISO output into an ISO-8601 UTC string with milliseconds', () => {
    expect(parseTimestamptz('2026-11-12 10:00:00+00')).toBe('2026-11-12T10:00:00.000Z');
    expect(parseTimestamptz('2026-11-12 10:00:00.123456+00')).toBe('2026-11-12T10:00:00.123Z');
    expect(parseTimestamptz('2026-11-12 10:00:00.5+00')).toBe('2026-11-12T10:00:00.500Z');
  });

  it('applies the offset, including half hours and seconds', () => {
    expect(parseTimestamptz('2026-11-12 15:30:00+05:30')).toBe('2026-11-12T10:00:00.000Z');
    expect(parseTimestamptz('2026-11-12 00:00:00-08')).toBe('2026-11-12T08:00:00.000Z');
    expect(parseTimestamptz('1900-01-01 00:00:00+00:19:32')).toBe('1899-12-31T23:40:28.000Z');
  });

  it('keeps years below 100 and BC years', () => {
    expect(parseTimestamptz('0044-03-15 12:00:00+00')).toBe('0044-03-15T12:00:00.000Z');
    expect(parseTimestamptz('0044-03-15 12:00:00+00 BC')).toBe('-000043-03-15T12:00:00.000Z');
  });

  it('passes infinities through and rejects anything else', () => {
    expect(parseTimestamptz('infinity')).toBe('infinity');
    expect(parseTimestamptz('-infinity')).toBe('-infinity');
    expect(() => parseTimestamptz('12/11/2026 10:00')).toThrow(/Unexpected timestamptz/);
    expect(() => parseTimestamptz('2026-11-12 10:00:00')).toThrow(/Unexpected timestamptz/);
  });

  it('round-trips any instant printed with any whole-minute offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const text = `${local.toISOString().slice(0, 23).replace('T', ' ')}${off}`;
          if (local.getUTCFullYear() < 1 || local.getUTCFullYear() > 9999) return;
          expect(parseTimestamptz(text)).toBe(date.toISOString());
        },
      ),
    );
  });
});

describe('parseTimestamp (without time zone)', () => {
  it('is the wall-clock time as ISO without a zone', () => {
    expect(parseTimestamp('2026-11-12 10:00:00.25')).toBe('2026-11-12T10:00:00.250');
    expect(parseTimestamp('infinity')).toBe('infinity');
  });
});

describe('parseInt8', () => {
  it('is a number when safe and a bigint beyond, never rounded', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('-9007199254740991')).toBe(-9007199254740991);
    expect(parseInt8('9007199254740993')).toBe(9007199254740993n);
    expect(parseInt8('-9223372036854775808')).toBe(-9223372036854775808n);
  });
});

describe('parseBytea', () => {
  it('decodes hex output into a Uint8Array', () => {
    const bytes = parseBytea('\\x00ff10');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect([...(bytes as Uint8Array)]).toEqual([0, 255, 16]);
  });
});

describe('parseArray', () => {
  const text = valueParserFor(25);
  it('parses plain, quoted, escaped, NULL, empty and nested elements', () => {
    expect(parseArray('{}', text)).toEqual([]);
    expect(parseArray('{a,b}', text)).toEqual(['a', 'b']);
    expect(parseArray('{"a b","c,d","e\\"f","g\\\\h",NULL,"NULL",""}', text)).toEqual([
      'a b',
      'c,d',
      'e"f',
      'g\\h',
      null,
      'NULL',
      '',
    ]);
    expect(parseArray('{{1,2},{3,NULL}}', valueParserFor(23))).toEqual([
      [1, 2],
      [3, null],
    ]);
    expect(parseArray('[0:1]={7,8}', valueParserFor(23))).toEqual([7, 8]);
  });

  it('applies the element parser', () => {
    expect(parseArray('{"2026-11-12 10:00:00+00"}', valueParserFor(1184))).toEqual([
      '2026-11-12T10:00:00.000Z',
    ]);
  });
});

describe('valueParserFor', () => {
  it('returns raw text for types it does not list', () => {
    expect(valueParserFor(1186)('1 day')).toBe('1 day'); // interval
    expect(valueParserFor(999_999)('x')).toBe('x');
  });
});

describe('normalizeParam', () => {
  it('gives both drivers the same text for the JS types they disagree on', () => {
    expect(normalizeParam(new Date('2026-11-12T10:00:00Z'))).toBe('2026-11-12T10:00:00.000Z');
    expect(normalizeParam(12n)).toBe('12');
    expect(normalizeParam({ a: [1] })).toBe('{"a":[1]}');
    expect(normalizeParam(undefined)).toBeNull();
    expect(normalizeParam([new Date(0), null])).toEqual(['1970-01-01T00:00:00.000Z', null]);
    const bytes = new Uint8Array([1]);
    expect(normalizeParam(bytes)).toBe(bytes);
    expect(normalizeParam('x')).toBe('x');
  });
});
