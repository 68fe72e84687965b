import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNumberSet } from '../../../src-shared/codes/number-set';

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

  it('holds zero and reports its table size', () => {
    const set = createNumberSet(100);
    expect(set.has(0)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.bytes).toBe(256 * 8);
  });
});
