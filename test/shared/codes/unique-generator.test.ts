import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  ALPHANUMERIC,
  NUMERIC,
  checkUniqueCodeRequest,
  createUniqueCodeGenerator,
  uniqueCodeCapacity,
  uniqueCodeLimit,
  type CharsetKind,
} from '../../../src-shared/codes';

const shapeArb = fc.record({
  length: fc.integer({ min: 4, max: 14 }),
  charset: fc.constantFrom<CharsetKind>('NUMERIC', 'ALPHANUMERIC', 'CUSTOM'),
  customCharset: fc.constantFrom('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 'xy7', 'ab'),
  prefix: fc.stringMatching(/^[A-Za-z0-9]{0,4}$/),
  suffix: fc.stringMatching(/^[A-Z0-9_-]{0,3}$/),
});

function alphabetOf(charset: CharsetKind, custom: string): string {
  if (charset === 'NUMERIC') return NUMERIC;
  if (charset === 'ALPHANUMERIC') return ALPHANUMERIC;
  return custom.toUpperCase();
}

describe('unique auto codes', () => {
  it('are distinct, uppercase, of the declared alphabet, length and affixes', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 400 }), (shape, want) => {
        const count = Math.min(want, uniqueCodeLimit(shape));
        const generator = createUniqueCodeGenerator(shape);
        const codes = generator.next(count);
        const alphabet = alphabetOf(shape.charset, shape.customCharset);
        const prefix = shape.prefix.toUpperCase();
        expect(codes).toHaveLength(count);
        expect(new Set(codes).size).toBe(count);
        for (const code of codes) {
          expect(code).toHaveLength(prefix.length + shape.length + shape.suffix.length);
          expect(code.startsWith(prefix) && code.endsWith(shape.suffix)).toBe(true);
          const random = code.slice(prefix.length, prefix.length + shape.length);
          expect([...random].every((char) => alphabet.includes(char))).toBe(true);
          expect(code).toBe(code.toUpperCase());
        }
        expect(generator.generated).toBe(count);
      }),
      { numRuns: 80 },
    );
  });

  it('stays distinct across batches up to the fill limit of a small space', () => {
    // 10^4 codes, 50% limit: 5,000 distinct numeric codes, the last ones found by many redraws.
    const generator = createUniqueCodeGenerator({ length: 4, charset: 'NUMERIC' });
    const codes = [...generator.next(2000), ...generator.next(2000), ...generator.next(1000)];
    expect(new Set(codes).size).toBe(5000);
    expect(codes.every((code) => /^[0-9]{4}$/.test(code))).toBe(true);
    expect(() => generator.next(1)).toThrow(/at least 5/);
  });

  it('writes the same kind of codes as lines of bytes', () => {
    const generator = createUniqueCodeGenerator({
      length: 10,
      charset: 'ALPHANUMERIC',
      prefix: 'ab',
    });
    const bytes = new Uint8Array(1000 * 13 + 5);
    const end = generator.writeLines(bytes, 5, 1000);
    expect(end).toBe(5 + 1000 * 13);
    const lines = new TextDecoder().decode(bytes.subarray(5, end)).split('\n');
    expect(lines.pop()).toBe('');
    expect(new Set(lines).size).toBe(1000);
    expect(lines.every((line) => /^AB[0-9A-Z]{10}$/.test(line))).toBe(true);
    expect(() => generator.writeLines(new Uint8Array(10), 0, 1)).toThrow(/needs 13 bytes/);
  });

  it('skips codes the offer already has', () => {
    // 2-letter custom space: 16 codes; 14 already exist, the limit allows the 2 that are left
    // only with maxFill 1, and both must be exactly the two free codes.
    const taken = new Set<string>();
    const free = ['AB', 'BA'];
    for (const a of 'ABCD') for (const b of 'ABCD') if (!free.includes(a + b)) taken.add(a + b);
    const asked: string[] = [];
    const generator = createUniqueCodeGenerator(
      { length: 2, charset: 'CUSTOM', customCharset: 'abcd', maxFill: 1 },
      (code) => {
        asked.push(code);
        return taken.has(code);
      },
    );
    expect(generator.next(2).sort()).toEqual(free);
    expect(asked.every((code) => /^[A-D]{2}$/.test(code))).toBe(true);
  });

  it('gives up with a clear error when every code is taken', () => {
    const generator = createUniqueCodeGenerator({ length: 3, charset: 'NUMERIC' }, () => true);
    expect(() => generator.next(1)).toThrow(/nearly full/);
  });

  it('falls back to string keys beyond 2^53 and still guarantees distinctness', () => {
    const generator = createUniqueCodeGenerator({ length: 12, charset: 'ALPHANUMERIC' });
    expect(generator.capacity).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const codes = generator.next(5000);
    expect(new Set(codes).size).toBe(5000);
    expect(codes.every((code) => /^[0-9A-Z]{12}$/.test(code))).toBe(true);
    expect(generator.memoryBytes).toBeGreaterThan(0);
  });

  it('rejects random words above the last whole multiple of the group size (no modulo bias)', () => {
    // 36^5 = 60,466,176 fits 71 times in 2^32; words from 71 * 36^5 up must be redrawn.
    const words = [2 ** 32 - 1, 71 * 36 ** 5, 5, 36 ** 5 + 7];
    const spy = vi
      .spyOn(crypto, 'getRandomValues')
      .mockImplementation(<T extends ArrayBufferView>(array: T) => {
        const view = array as unknown as Uint32Array;
        view.fill(0);
        words.forEach((word, i) => (view[i] = word));
        return array;
      });
    try {
      const [code] = createUniqueCodeGenerator({ length: 10, charset: 'ALPHANUMERIC' }).next(1);
      expect(code).toBe('0000500007');
    } finally {
      spy.mockRestore();
    }
  });

  it('uses every character of the alphabet at each position, roughly uniformly', () => {
    const generator = createUniqueCodeGenerator({ length: 10, charset: 'ALPHANUMERIC' });
    const counts = Array.from({ length: 10 }, () => new Map<string, number>());
    for (const code of generator.next(36_000)) {
      [...code].forEach((char, p) => counts[p]!.set(char, (counts[p]!.get(char) ?? 0) + 1));
    }
    for (const position of counts) {
      expect(position.size).toBe(36);
      // Expected 1000 each; a biased mapping (e.g. modulo of bytes) drifts far more than this.
      for (const n of position.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
    }
  });
});

describe('unique code capacity', () => {
  it('is charset^length and refuses requests above half of it, suggesting a length', () => {
    expect(uniqueCodeCapacity({ length: 10, charset: 'ALPHANUMERIC' })).toBe(36 ** 10);
    expect(uniqueCodeCapacity({ length: 6, charset: 'NUMERIC' })).toBe(1_000_000);
    expect(uniqueCodeCapacity({ length: 3, charset: 'CUSTOM', customCharset: 'xyz' })).toBe(27);
    expect(checkUniqueCodeRequest({ length: 6, charset: 'NUMERIC' }, 500_000)).toEqual({
      ok: true,
      value: 500_000,
    });
    const refused = checkUniqueCodeRequest({ length: 6, charset: 'NUMERIC' }, 400_000, 100_001);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.reasons[0]!.code).toBe('CODE_SPACE_TOO_SMALL');
    expect(refused.reasons[0]!.message).toContain('1,000,000 combinations');
    expect(refused.reasons[0]!.message).toContain('length of at least 7');
  });

  it('is enforced by the generator before any code is drawn', () => {
    const generator = createUniqueCodeGenerator({
      length: 6,
      charset: 'NUMERIC',
      existingCount: 499_990,
    });
    expect(() => generator.next(11)).toThrow(/already in the offer/);
    expect(generator.generated).toBe(0);
    expect(generator.next(10)).toHaveLength(10);
  });

  it('rejects bad options clearly', () => {
    expect(() => createUniqueCodeGenerator({ length: 0, charset: 'NUMERIC' })).toThrow(/length/);
    expect(() =>
      createUniqueCodeGenerator({ length: 8, charset: 'NUMERIC', prefix: 'A B' }),
    ).toThrow(/prefix "A B" contains " "/);
    expect(() =>
      createUniqueCodeGenerator({ length: 8, charset: 'CUSTOM', customCharset: 'aA' }),
    ).toThrow(/positions 1 and 2/);
  });
});
