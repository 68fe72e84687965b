import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lineages,
  setStoreSync,
  syncsToStore,
  type StoreLineage,
  type SyncSetting,
} from '#renderer/features/store-sync/sync-scope';

// Two concepts, three zones, six stores.
const stores: StoreLineage[] = [
  { storeId: 's1', zoneId: 'z1', conceptId: 'c1' },
  { storeId: 's2', zoneId: 'z1', conceptId: 'c1' },
  { storeId: 's3', zoneId: 'z2', conceptId: 'c1' },
  { storeId: 's4', zoneId: 'z2', conceptId: 'c1' },
  { storeId: 's5', zoneId: 'z3', conceptId: 'c2' },
  { storeId: 's6', zoneId: 'z3', conceptId: 'c2' },
];

const ref = fc.oneof(
  fc.constantFrom(...stores.map((s) => ({ type: 'STORE' as const, id: s.storeId }))),
  fc.constantFrom(...['z1', 'z2', 'z3'].map((id) => ({ type: 'ZONE' as const, id }))),
  fc.constantFrom(...['c1', 'c2'].map((id) => ({ type: 'CONCEPT' as const, id }))),
  fc.constant({ type: 'TILL' as const, id: 't9' }),
);
const setting: fc.Arbitrary<SyncSetting> = fc.record({
  enabled: fc.boolean(),
  scope: fc.array(ref, { maxLength: 5 }),
});

describe('store sync toggle', () => {
  it('changes this store only: every other store keeps its sync state', () => {
    fc.assert(
      fc.property(setting, fc.constantFrom(...stores), fc.boolean(), (s, store, on) => {
        const next = setStoreSync(s, store, on, stores);
        expect(syncsToStore(next, store)).toBe(on);
        for (const other of stores.filter((x) => x.storeId !== store.storeId)) {
          expect(syncsToStore(next, other)).toBe(syncsToStore(s, other));
        }
        // Till-level refs are untouched.
        expect(next.scope.filter((r) => r.type === 'TILL').length).toBeLessThanOrEqual(
          s.scope.filter((r) => r.type === 'TILL').length,
        );
      }),
    );
  });

  it('switching off an every-store offer lists the other stores', () => {
    const next = setStoreSync({ enabled: true, scope: [] }, stores[0]!, false, stores);
    expect(next).toEqual({
      enabled: true,
      scope: ['s2', 's3', 's4', 's5', 's6'].map((id) => ({ type: 'STORE', id })),
    });
  });

  it('switching on a disabled offer scopes it to this store alone', () => {
    const next = setStoreSync(
      { enabled: false, scope: [{ type: 'ZONE', id: 'z3' }] },
      stores[0]!,
      true,
      stores,
    );
    expect(next).toEqual({ enabled: true, scope: [{ type: 'STORE', id: 's1' }] });
  });

  it('removing the last store switches sync off', () => {
    const next = setStoreSync(
      { enabled: true, scope: [{ type: 'STORE', id: 's1' }] },
      stores[0]!,
      false,
      stores,
    );
    expect(next).toEqual({ enabled: false, scope: [] });
  });
});

describe('lineages', () => {
  it('walks store → zone → concept', () => {
    expect(
      lineages([
        { id: 'c1', type: 'CONCEPT', parentId: null },
        { id: 'z1', type: 'ZONE', parentId: 'c1' },
        { id: 's1', type: 'STORE', parentId: 'z1' },
        { id: 't1', type: 'TILL', parentId: 's1' },
      ]),
    ).toEqual([{ storeId: 's1', zoneId: 'z1', conceptId: 'c1' }]);
  });
});
