import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idTimeMs, newId } from '#shared/services/shared/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId (UUIDv7)', () => {
  it('has the v7 layout and carries its millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) }), (ms) => {
        const id = newId(ms);
        expect(id).toMatch(UUID_V7);
        // Never earlier than asked; later only when this process already issued a later id.
        expect(idTimeMs(id)).toBeGreaterThanOrEqual(ms);
      }),
    );
  });

  it('is strictly increasing, even for many ids in one millisecond or a clock step back', () => {
    const ms = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, (_, i) => newId(i === 5000 ? ms - 60_000 : ms));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws its random part from the CSPRNG (no two ids alike across calls)', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId()));
    expect(ids.size).toBe(2000);
  });
});
