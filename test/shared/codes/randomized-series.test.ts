import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeSample,
  createRandomizedSeries,
  deriveFixedPart,
  randomBytes,
} from '../../../src-shared/codes';

describe('sample analysis', () => {
  it('keeps half fixed: TEST12345 → 4 fixed + 5 variable alphanumeric characters', () => {
    expect(analyzeSample('test12345')).toEqual({
      ok: true,
      value: {
        kind: 'ALPHANUMERIC',
        alphabet: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        length: 9,
        fixedLength: 4,
        variableLength: 5,
        size: 36 ** 5,
      },
    });
  });

  it('gives the seed figure of 60,466,176 codes for a 10-character alphanumeric sample', () => {
    const shape = analyzeSample('ABCDE12345');
    expect(shape.ok && shape.value.size).toBe(60_466_176);
  });

  it('treats an all-digit sample as numeric', () => {
    const shape = analyzeSample('12345');
    expect(shape.ok && [shape.value.kind, shape.value.fixedLength, shape.value.size]).toEqual([
      'NUMERIC',
      2,
      1000,
    ]);
  });

  it('refuses samples outside 5–10 characters or with other characters', () => {
    for (const [sample, code] of [
      ['ABCD', 'SAMPLE_LENGTH'],
      ['ABCDE123456', 'SAMPLE_LENGTH'],
      ['AB-DE1', 'SAMPLE_BAD_CHAR'],
    ] as const) {
      const result = analyzeSample(sample);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reasons[0]!.code).toBe(code);
    }
  });
});

describe('randomized common series', () => {
  it('spells every code of a small numeric series once, all sharing the fixed part', () => {
    const series = createRandomizedSeries({
      sample: '98765',
      fixedPart: '42',
      key: randomBytes(32),
    });
    const codes = Array.from({ length: series.size }, (_, i) => series.codeAt(i));
    expect(new Set(codes).size).toBe(1000);
    expect(codes.every((code) => /^42[0-9]{3}$/.test(code))).toBe(true);
    codes.forEach((code, i) => expect(series.indexOf(code)).toBe(i));
  });

  it('maps index → code → index for any key and sample, ignoring case', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{5,10}$/),
        fc.uint8Array({ minLength: 16, maxLength: 32 }),
        fc.nat(),
        (sample, key, seed) => {
          const shape = analyzeSample(sample);
          if (!shape.ok) throw new Error('sample regex should only yield valid samples');
          const fixedPart = shape.value.alphabet
            .slice(0, shape.value.fixedLength)
            .padEnd(shape.value.fixedLength, '7');
          const series = createRandomizedSeries({ sample, fixedPart, key });
          const index = seed % series.size;
          const code = series.codeAt(index);
          expect(code).toHaveLength(sample.length);
          expect(code.startsWith(fixedPart)).toBe(true);
          expect(code).toBe(code.toUpperCase());
          expect(series.indexOf(code.toLowerCase())).toBe(index);
          expect(series.indexOf(` ${code} `)).toBe(index);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('knows which codes are not in the series', () => {
    const series = createRandomizedSeries({
      sample: 'TEST12345',
      fixedPart: 'K7Q2',
      key: randomBytes(32),
    });
    const code = series.codeAt(123);
    expect(series.indexOf(`X${code.slice(1)}`)).toBeNull(); // other fixed part
    expect(series.indexOf(code.slice(0, 8))).toBeNull(); // too short
    expect(series.indexOf(`${code.slice(0, 8)}-`)).toBeNull(); // not in the alphabet
    expect(series.indexOf(`${code.slice(0, 8)}é`)).toBeNull();
  });

  it('streams the same codes as codeAt, from any start', () => {
    const series = createRandomizedSeries({
      sample: 'ABCDE12345',
      fixedPart: 'ZZ9A0',
      key: randomBytes(32),
    });
    const start = series.size - 40_000;
    const bytes = new Uint8Array(40_000 * 11);
    expect(series.writeLines(bytes, 0, start, 40_000)).toBe(bytes.length);
    const lines = new TextDecoder().decode(bytes).split('\n');
    lines.pop();
    expect(lines).toHaveLength(40_000);
    expect(new Set(lines).size).toBe(40_000);
    for (const i of [0, 1, 8191, 8192, 32_767, 32_768, 39_999])
      expect(lines[i]).toBe(series.codeAt(start + i));
    expect(() => series.writeLines(bytes, 0, series.size - 1, 2)).toThrow(RangeError);
  });

  it('gives a different order for a different key', () => {
    const a = createRandomizedSeries({
      sample: 'TEST12345',
      fixedPart: 'TEST',
      key: randomBytes(32),
    });
    const b = createRandomizedSeries({
      sample: 'TEST12345',
      fixedPart: 'TEST',
      key: randomBytes(32),
    });
    const same = Array.from({ length: 200 }, (_, i) => a.codeAt(i) === b.codeAt(i)).filter(Boolean);
    expect(same.length).toBeLessThan(3);
  });

  it('rejects a fixed part of the wrong length or alphabet, and a short key', () => {
    const key = randomBytes(32);
    expect(() => createRandomizedSeries({ sample: 'TEST12345', fixedPart: 'TES', key })).toThrow(
      /4 characters/,
    );
    expect(() => createRandomizedSeries({ sample: '123456', fixedPart: 'AB1', key })).toThrow(
      /0-9/,
    );
    expect(() =>
      createRandomizedSeries({ sample: '123456', fixedPart: '991', key: new Uint8Array(4) }),
    ).toThrow(/16 bytes/);
  });
});

describe('fixed part', () => {
  it('is deterministic per (org salt, offer key, attempt) and of the series alphabet', async () => {
    const orgSalt = randomBytes(32);
    const base = {
      orgSalt,
      offerKey: 'offer-1',
      length: 5,
      alphabet: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    };
    const first = await deriveFixedPart(base);
    expect(first).toMatch(/^[0-9A-Z]{5}$/);
    expect(await deriveFixedPart(base)).toBe(first);
    const others = await Promise.all([
      deriveFixedPart({ ...base, attempt: 1 }),
      deriveFixedPart({ ...base, offerKey: 'offer-2' }),
      deriveFixedPart({ ...base, orgSalt: randomBytes(32) }),
    ]);
    // 36^5 values: a collision among these would be a 1-in-20-million event, i.e. a bug.
    expect(new Set([first, ...others]).size).toBe(4);
    expect(await deriveFixedPart({ ...base, alphabet: '0123456789', length: 16 })).toMatch(
      /^[0-9]{16}$/,
    );
  });

  it('refuses a short salt', async () => {
    await expect(
      deriveFixedPart({
        orgSalt: new Uint8Array(8),
        offerKey: 'x',
        length: 4,
        alphabet: '0123456789',
      }),
    ).rejects.toThrow(/16 bytes/);
  });
});
