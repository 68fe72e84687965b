import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulkIds, idTimeMs } from '#shared/services/shared/ids';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uploads: bulk UUIDv7 ids', () => {
  it('spells RFC 9562 version-7 ids carrying the batch time', () => {
    const at = Date.parse('2025-03-10T06:30:00.000Z');
    const ids = bulkIds(3, at);
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect(idTimeMs(ids[0] as string)).toBe(at);
  });

  it('is distinct and time-ordered in generation order, also across the 12-bit counter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9000 }),
        fc.integer({ min: 0, max: 2 ** 47 }),
        (n, ms) => {
          const ids = bulkIds(n, ms);
          expect(new Set(ids).size).toBe(n);
          const sorted = [...ids].sort();
          expect(sorted).toEqual(ids);
          expect(idTimeMs(ids[0] as string)).toBe(ms);
          // The counter never runs more than one millisecond ahead per 2,048 ids.
          expect(idTimeMs(ids[n - 1] as string) - ms).toBeLessThanOrEqual(Math.ceil(n / 2048));
        },
      ),
      { numRuns: 30 },
    );
  });
});
