import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNumberSet, hashNumber } from '#shared/codes/number-set';

describe('number set', () => {
  it('behaves like a Set for integers up to 2^53, across growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()), { maxLength: 300 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.maxSafeNat()), { maxLength: 50 }),
        (values, probes) => {
          const set = createNumberSet(4);
          const reference = new Set<number>();
          for (const value of values) {
            expect(set.add(value)).toBe(!reference.has(value));
            reference.add(value);
          }
          expect(set.size).toBe(reference.size);
          for (const value of values) expect(set.has(value)).toBe(true);
          for (const probe of probes) expect(set.has(probe)).toBe(reference.has(probe));
        },
      ),
    );
  });

  it('adds in batches like one at a time, flagging repeats within and across batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), { maxLength: 10 }),
        (batches) => {
          const set = createNumberSet(2);
          const reference = new Set<number>();
          for (const batch of batches) {
            const values = Float64Array.from(batch);
            const hashes = Int32Array.from(batch, hashNumber);
            const fresh = new Uint8Array(batch.length);
            const expected = batch.map((v) => (reference.has(v) ? 0 : (reference.add(v), 1)));
            expect(set.addMany(values, hashes, batch.length, fresh)).toBe(
              expected.filter(Boolean).length,
            );
            expect([...fresh]).toEqual(expected);
          }
          expect(set.size).toBe(reference.size);
          for (const v of reference) expect(set.has(v)).toBe(true);
        },
      ),
    );
  });

  it('holds zero and reports its table size', () => {
    const set = createNumberSet(100);
    expect(set.has(0)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.bytes).toBe(256 * 8);
  });
});
