import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fairShare,
  grantSize,
  leaseInvariantHolds,
  needsTopUp,
  unitsAvailable,
  type LeaseBook,
} from '#shared/sync/lease-math';

type Lease = { till: number; granted: number; used: number; open: boolean };

/**
 * A model of the hub's escrow driven only through grantSize: tills ask for units, spend them
 * offline, redeem online (only from unlent units), return leases and let them expire. The
 * escrow promise is that what is redeemed plus what is lent never exceeds the limit.
 */
type Op =
  | { kind: 'grant'; till: number; want: number }
  | { kind: 'spend'; till: number }
  | { kind: 'online' }
  | { kind: 'return'; till: number }
  | { kind: 'expire'; till: number }
  | { kind: 'reverse' };

const opArb = (tills: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('grant' as const),
      till: fc.nat(tills - 1),
      want: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({ kind: fc.constant('spend' as const), till: fc.nat(tills - 1) }),
    fc.record({ kind: fc.constant('online' as const) }),
    fc.record({ kind: fc.constant('return' as const), till: fc.nat(tills - 1) }),
    fc.record({ kind: fc.constant('expire' as const), till: fc.nat(tills - 1) }),
    fc.record({ kind: fc.constant('reverse' as const) }),
  );

describe('lease math', () => {
  it('never lends more than the limit, under any sequence of grants, spends, returns and expiries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(opArb(5), { maxLength: 300 }),
        (limit, tills, ops) => {
          let redeemed = 0;
          let totalRedemptions = 0;
          const leases: Lease[] = [];
          const outstanding = () =>
            leases.filter((l) => l.open).reduce((s, l) => s + l.granted - l.used, 0);
          const book = (): LeaseBook => ({ limit, redeemed, outstanding: outstanding() });
          for (const op of ops) {
            const till = 'till' in op ? op.till % tills : 0;
            if (op.kind === 'grant') {
              const mine = leases
                .filter((l) => l.open && l.till === till)
                .reduce((s, l) => s + l.granted - l.used, 0);
              const n = grantSize(book(), { want: op.want, tillOutstanding: mine, sharers: tills });
              expect(n).toBeGreaterThanOrEqual(0);
              expect(n).toBeLessThanOrEqual(op.want);
              if (n > 0) leases.push({ till, granted: n, used: 0, open: true });
            } else if (op.kind === 'spend') {
              const lease = leases.find((l) => l.open && l.till === till && l.used < l.granted);
              if (lease) {
                lease.used += 1;
                redeemed += 1;
                totalRedemptions += 1;
              }
            } else if (op.kind === 'online') {
              if (unitsAvailable(book()) > 0) {
                redeemed += 1;
                totalRedemptions += 1;
              }
            } else if (op.kind === 'return' || op.kind === 'expire') {
              for (const l of leases) if (l.open && l.till === till) l.open = false;
            } else if (op.kind === 'reverse' && redeemed > 0) {
              redeemed -= 1;
            }
            expect(leaseInvariantHolds(book())).toBe(true);
          }
          // Without reversals giving units back, redemptions can never pass the limit.
          if (!ops.some((o) => o.kind === 'reverse'))
            expect(totalRedemptions).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives each till at most its fair share while others share the offer', () => {
    const book = { limit: 100, redeemed: 0, outstanding: 0 };
    expect(fairShare(book, 3)).toBe(33);
    expect(grantSize(book, { want: 1000, tillOutstanding: 0, sharers: 3 })).toBe(33);
    expect(grantSize(book, { want: 1000, tillOutstanding: 33, sharers: 3 })).toBe(0);
    expect(
      grantSize({ ...book, outstanding: 99 }, { want: 5, tillOutstanding: 0, sharers: 3 }),
    ).toBe(1);
    // A small limit is still usable offline by someone.
    expect(
      grantSize(
        { limit: 2, redeemed: 0, outstanding: 0 },
        { want: 10, tillOutstanding: 0, sharers: 5 },
      ),
    ).toBe(1);
    expect(
      grantSize(
        { limit: 2, redeemed: 2, outstanding: 0 },
        { want: 10, tillOutstanding: 0, sharers: 1 },
      ),
    ).toBe(0);
  });

  it('tops up at a quarter of what is held', () => {
    expect(needsTopUp(10, 40)).toBe(true);
    expect(needsTopUp(11, 40)).toBe(false);
    expect(needsTopUp(1, 2)).toBe(true);
    expect(needsTopUp(0, 0)).toBe(true);
  });
});
