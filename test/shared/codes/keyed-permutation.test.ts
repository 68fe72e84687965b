import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyedPermutation, randomBytes } from '../../../src-shared/codes';
import { feistelShape } from '#shared/codes/keyed-permutation';

const keyArb = fc.uint8Array({ minLength: 16, maxLength: 48 });

function assertBijection(size: number, key: Uint8Array): void {
  const perm = createKeyedPermutation(size, key);
  const hit = new Uint8Array(size);
  const problems: string[] = [];
  for (let i = 0; i < size; i++) {
    const v = perm.forward(i);
    if (!(v >= 0 && v < size)) problems.push(`forward(${i}) = ${v} is outside the domain`);
    else if (hit[v] === 1) problems.push(`forward(${i}) = ${v} was already hit`);
    else hit[v] = 1;
    if (perm.inverse(v) !== i) problems.push(`inverse(forward(${i})) = ${perm.inverse(v)}`);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('keyed permutation', () => {
  it('is a bijection on 10^3 and 36^3, exhaustively, and inverse recovers the index', () => {
    const key = randomBytes(32);
    assertBijection(1000, key);
    assertBijection(36 ** 3, key);
  });

  it('is a bijection for any small domain size and key (odd and even bit widths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), keyArb, (size, key) =>
        assertBijection(size, key),
      ),
      { numRuns: 60 },
    );
  });

  it('inverts on the 60,466,176-value domain of a 10-character sample', () => {
    const perm = createKeyedPermutation(36 ** 5, randomBytes(32));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36 ** 5 - 1 }), (i) => {
        expect(perm.inverse(perm.forward(i))).toBe(i);
      }),
      { numRuns: 2000 },
    );
    const out = new Int32Array(1000);
    perm.fill(out, 36 ** 5 - 1000);
    out.forEach((v, k) => expect(v).toBe(perm.forward(36 ** 5 - 1000 + k)));
  });

  it('gives different permutations for different keys, even a one-bit change', () => {
    const key = randomBytes(32);
    const flipped = Uint8Array.from(key);
    flipped[31] = flipped[31]! ^ 1;
    const a = createKeyedPermutation(36 ** 3, key);
    const b = createKeyedPermutation(36 ** 3, flipped);
    let same = 0;
    for (let i = 0; i < 1000; i++) if (a.forward(i) === b.forward(i)) same++;
    // Unrelated permutations agree on ~1/46656 of points; allow a little slack, not a copy.
    expect(same).toBeLessThan(5);
    fc.assert(
      fc.property(keyArb, keyArb, (k1, k2) => {
        fc.pre(k1.length !== k2.length || k1.some((byte, i) => byte !== k2[i]));
        const p1 = createKeyedPermutation(10_000, k1);
        const p2 = createKeyedPermutation(10_000, k2);
        const differs = Array.from({ length: 50 }, (_, i) => p1.forward(i) !== p2.forward(i));
        expect(differs.some(Boolean)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('scatters consecutive indices (not an identity or a shift)', () => {
    const perm = createKeyedPermutation(36 ** 5, randomBytes(32));
    const values = Array.from({ length: 100 }, (_, i) => perm.forward(i));
    const ascending = values.filter((v, i) => i > 0 && v > values[i - 1]!).length;
    expect(ascending).toBeGreaterThan(25);
    expect(ascending).toBeLessThan(75);
  });

  it('uses the smallest bit width and rejects bad domains, indices and keys', () => {
    expect(feistelShape(36 ** 5)).toEqual({ bits: 26, leftBits: 13, rightBits: 13 });
    expect(feistelShape(1000)).toEqual({ bits: 10, leftBits: 5, rightBits: 5 });
    expect(feistelShape(100_000)).toEqual({ bits: 17, leftBits: 8, rightBits: 9 });
    expect(() => createKeyedPermutation(1, randomBytes(16))).toThrow(/2 to 2\^31/);
    expect(() => createKeyedPermutation(2 ** 31 + 1, randomBytes(16))).toThrow(/2 to 2\^31/);
    expect(() => createKeyedPermutation(100, new Uint8Array(8))).toThrow(/at least 16 bytes/);
    const perm = createKeyedPermutation(100, randomBytes(16));
    expect(() => perm.forward(100)).toThrow(RangeError);
    expect(() => perm.inverse(-1)).toThrow(RangeError);
  });
});
