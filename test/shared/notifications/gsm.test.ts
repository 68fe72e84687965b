import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstNonGsm, isGsmChar, toGsm } from '#shared/notifications/gsm';

describe('GSM 03.38 alphabet', () => {
  it('accepts plain English, the accented letters GSM has, and the extension table', () => {
    expect(
      firstNonGsm('Hi Ana, use CODE-123 by 31 Dec 2025! 50% off @ £5 {x} [y] ~ € ^ |'),
    ).toBeNull();
    expect(firstNonGsm('é è ù ì ò Ç Ø å Δ ß É Ä Ö Ñ Ü ä ö ñ ü à ¿ ¡ §')).toBeNull();
  });

  it('names the first character a plain SMS cannot carry, with its position', () => {
    expect(firstNonGsm('Save ₹100 today')).toEqual({ char: '₹', index: 5 });
    expect(firstNonGsm('नमस्ते')).toEqual({ char: 'न', index: 0 });
    // Astral characters count as one position, as a person reads them.
    expect(firstNonGsm('ok 🎉 ₹')).toEqual({ char: '🎉', index: 3 });
    expect(firstNonGsm('curly ’quote’')).toEqual({ char: '’', index: 6 });
  });

  it('reduces accents and look-alikes, and replaces the rest with ?', () => {
    expect(toGsm('Zoë Łukasz ōno')).toBe('Zoe ?ukasz ono');
    expect(toGsm('“Save” ₹100 – now…')).toBe('"Save" Rs.100 - now...');
    expect(toGsm('नमस्ते Ana')).toMatch(/^\?+ Ana$/);
    expect(toGsm('café')).toBe('café');
  });

  it('toGsm always yields GSM text and leaves GSM text untouched (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = toGsm(s);
        expect(firstNonGsm(out)).toBeNull();
        expect(toGsm(out)).toBe(out);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019 @£$é{}€\n'.split('')) }), (s) => {
        expect(toGsm(s)).toBe(s);
        expect([...s].every(isGsmChar)).toBe(true);
      }),
    );
  });
});
