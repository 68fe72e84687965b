import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALPHANUMERIC,
  NUMERIC,
  normalizeCode,
  resolveCharset,
  sameCode,
  validateCustomCharset,
} from '../../../src-shared/codes';

describe('charsets', () => {
  it('are the uppercase alphabets', () => {
    expect(NUMERIC).toBe('0123456789');
    expect(ALPHANUMERIC).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(resolveCharset('NUMERIC')).toBe(NUMERIC);
    expect(resolveCharset('ALPHANUMERIC')).toBe(ALPHANUMERIC);
  });

  it('uppercases a custom charset and keeps its order', () => {
    expect(validateCustomCharset('abc234')).toEqual({ ok: true, value: 'ABC234' });
    expect(resolveCharset('CUSTOM', 'xyz9')).toBe('XYZ9');
  });

  it('rejects characters that repeat once case is ignored, naming both positions', () => {
    const result = validateCustomCharset('abcA');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]!.code).toBe('CHARSET_DUPLICATE_CHAR');
    expect(result.reasons[0]!.message).toContain('positions 1 and 4');
  });

  it('rejects characters codes may not hold and too-small alphabets', () => {
    const bad = validateCustomCharset('AB,');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reasons[0]!.message).toContain('"," at position 3');
    const small = validateCustomCharset('A');
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.reasons.map((r) => r.code)).toEqual(['CHARSET_TOO_SMALL']);
    expect(() => resolveCharset('CUSTOM', null)).toThrow(/needs customCharset/);
    expect(() => resolveCharset('CUSTOM', 'aa')).toThrow(/positions 1 and 2/);
  });
});

describe('normalizeCode', () => {
  it('uppercases and trims, so matching ignores case', () => {
    expect(normalizeCode('  test1a2b3\t')).toBe('TEST1A2B3');
    expect(sameCode('abc-12', 'ABC-12 ')).toBe(true);
    expect(sameCode('abc-12', 'abc-13')).toBe(false);
  });

  it('is idempotent and case-blind for any alphanumeric code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-zA-Z]{1,20}$/), (code) => {
        const once = normalizeCode(code);
        expect(normalizeCode(once)).toBe(once);
        expect(once).toBe(once.toUpperCase());
        expect(sameCode(code.toLowerCase(), code.toUpperCase())).toBe(true);
      }),
    );
  });
});
