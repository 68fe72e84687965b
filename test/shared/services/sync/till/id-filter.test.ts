import { describe, expect, it } from 'vitest';
import { IdFilter } from '#shared/services/sync/till/id-filter';

describe('IdFilter', () => {
  it('holds every id added, through growth, and none it was not given', () => {
    const filter = new IdFilter();
    const ids = Array.from({ length: 200_000 }, (_, i) => `cus_${i.toString(36)}_x`);
    for (const id of ids) filter.add(id);
    for (const id of ids) filter.add(id); // again: no second entry
    expect(filter.size).toBe(ids.length);
    expect(ids.every((id) => filter.has(id))).toBe(true);
    const others = Array.from({ length: 200_000 }, (_, i) => `cus_${i.toString(36)}_y`);
    expect(others.filter((id) => filter.has(id))).toEqual([]);
    expect(filter.has('')).toBe(false);
  });
});
