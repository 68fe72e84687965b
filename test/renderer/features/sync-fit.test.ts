import { describe, expect, it } from 'vitest';
import { syncMisfits } from '#renderer/features/store-sync/sync-fit';

const org = [
  { id: 'C1', type: 'CONCEPT', name: 'Footwear', parentId: null, timeZone: null, currency: null },
  { id: 'Z1', type: 'ZONE', name: 'North', parentId: 'C1', timeZone: null, currency: null },
  { id: 'Z2', type: 'ZONE', name: 'Gulf', parentId: 'C1', timeZone: null, currency: null },
  {
    id: 'S1',
    type: 'STORE',
    name: 'Connaught Place',
    parentId: 'Z1',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  },
  {
    id: 'S3',
    type: 'STORE',
    name: 'Dubai Mall',
    parentId: 'Z2',
    timeZone: 'Asia/Dubai',
    currency: 'AED',
  },
  { id: 'T1', type: 'TILL', name: 'Till 1', parentId: 'S1', timeZone: null, currency: null },
] as const;
type Org = Parameters<typeof syncMisfits>[2];
const tree = org as unknown as Org;

describe('whether an offer fits a store before it is synced there', () => {
  it('fits with no store scope and the store’s own currency', () => {
    expect(syncMisfits({ name: 'Ten off', currency: 'INR', stores: [] }, 'S1', tree)).toEqual([]);
    expect(syncMisfits({ name: 'Ten %', currency: null, stores: [] }, 'S3', tree)).toEqual([]);
  });

  it('fits when the scope names the store, one of its tills, its zone or its concept', () => {
    for (const ref of [
      { type: 'STORE', id: 'S1' },
      { type: 'TILL', id: 'T1' },
      { type: 'ZONE', id: 'Z1' },
      { type: 'CONCEPT', id: 'C1' },
    ] as const) {
      expect(syncMisfits({ name: 'X', currency: 'INR', stores: [ref] }, 'S1', tree)).toEqual([]);
    }
  });

  it('warns, by name, when the store is outside the scope', () => {
    const [why] = syncMisfits(
      { name: 'Gulf week', currency: 'INR', stores: [{ type: 'ZONE', id: 'Z2' }] },
      'S1',
      tree,
    );
    expect(why).toBe(
      'Gulf week may be redeemed only at Gulf: Connaught Place’s tills would refuse every code.',
    );
  });

  it('warns when the discount is in another currency than the store bills in', () => {
    const why = syncMisfits({ name: 'AED 25 off', currency: 'AED', stores: [] }, 'S1', tree);
    expect(why).toHaveLength(1);
    expect(why[0]).toContain('in AED and Connaught Place bills in INR');
  });
});
