import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCap, backoffDelay } from '#shared/sync/backoff';
import { compareCursor, formatCursor, parseCursor, startCursor } from '#shared/sync/cursor';
import { scopeReachesTill } from '#shared/sync/scope';

describe('feed cursor', () => {
  it('round-trips and orders', () => {
    fc.assert(
      fc.property(fc.nat(1e12), fc.nat(99), fc.string({ maxLength: 40 }), (xid, table, key) => {
        const c = { xid, table, key };
        const back = parseCursor(formatCursor(c));
        if (xid === 0 && table === 0 && key === '') expect(back).toEqual(startCursor);
        else expect(back).toEqual(c);
      }),
    );
    expect(parseCursor('0')).toEqual(startCursor);
    expect(parseCursor('nonsense')).toBeNull();
    expect(compareCursor({ xid: 1, table: 3, key: 'z' }, { xid: 2, table: 0, key: '' })).toBe(-1);
    expect(compareCursor({ xid: 2, table: 1, key: 'a' }, { xid: 2, table: 1, key: 'b' })).toBe(-1);
  });
});

describe('backoff', () => {
  const policy = { baseMs: 500, maxMs: 30_000 };
  it('grows exponentially to a cap and jitters within [cap/2, cap)', () => {
    expect(backoffDelay(policy, 0)).toBe(0);
    expect(backoffCap(policy, 1)).toBe(500);
    expect(backoffCap(policy, 3)).toBe(2000);
    expect(backoffCap(policy, 50)).toBe(30_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, u) => {
          const d = backoffDelay(policy, n, () => u);
          const cap = backoffCap(policy, n);
          expect(d).toBeGreaterThanOrEqual(Math.floor(cap / 2));
          expect(d).toBeLessThan(cap);
        },
      ),
    );
  });
});

describe('sync scope', () => {
  const place = { tillId: 'T1', storeId: 'S1', zoneId: 'Z1', conceptId: 'C1' };
  it('matches the till, its store, zone or concept; empty = everywhere', () => {
    expect(scopeReachesTill([], place)).toBe(true);
    expect(scopeReachesTill([{ type: 'STORE', id: 'S1' }], place)).toBe(true);
    expect(scopeReachesTill([{ type: 'ZONE', id: 'Z1' }], place)).toBe(true);
    expect(scopeReachesTill([{ type: 'CONCEPT', id: 'C1' }], place)).toBe(true);
    expect(scopeReachesTill([{ type: 'TILL', id: 'T1' }], place)).toBe(true);
    expect(
      scopeReachesTill(
        [
          { type: 'STORE', id: 'S2' },
          { type: 'TILL', id: 'T9' },
        ],
        place,
      ),
    ).toBe(false);
    expect(scopeReachesTill([{ type: 'ZONE', id: 'Z1' }], { ...place, zoneId: null })).toBe(false);
  });
});
