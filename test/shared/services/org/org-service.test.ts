import { expect, it } from 'vitest';
import { orgEntityInput, type OrgEntityInput } from '#shared/domain/org';
import { createOrgEntity, listOrg } from '#shared/services/org/org-service';
import { getOrgSettings, setOrgSettings } from '#shared/services/org/org-settings';
import { resolveStoreContext } from '#shared/services/org/store-context';
import { eachDialect } from '../../../helpers/db';
import { apiError as rejected } from '../support/api-error';
import { useServiceWorld } from '../support/world';

eachDialect('org tree', (dialect) => {
  const w = useServiceWorld(dialect);
  const add = (e: OrgEntityInput) => createOrgEntity(orgEntityInput.parse(e), w.ctx);

  it('lists the tree top down with store zones and currencies', async () => {
    const { items } = await listOrg(w.sql);
    expect(items.map((i) => i.type)).toEqual([
      'CONCEPT',
      'ZONE',
      'ZONE',
      'STORE',
      'STORE',
      'STORE',
      ...Array(6).fill('TILL'),
    ]);
    expect(items.find((i) => i.id === 'S3')).toEqual({
      id: 'S3',
      type: 'STORE',
      name: 'STORE S3',
      parentId: 'Z2',
      timeZone: 'Asia/Dubai',
      currency: 'AED',
    });
  });

  it('enforces the parent chain: zone → concept, store → zone, till → store', async () => {
    const bad: [OrgEntityInput, RegExp][] = [
      [{ id: 'Zx', type: 'ZONE', name: 'z', parentId: 'S1' }, /belongs under a concept/],
      [
        {
          id: 'Sx',
          type: 'STORE',
          name: 's',
          parentId: 'C1',
          timeZone: 'Asia/Kolkata',
          currency: 'INR',
        },
        /belongs under a zone/,
      ],
      [{ id: 'Tx', type: 'TILL', name: 't', parentId: 'Z1' }, /belongs under a store/],
      [{ id: 'Tx', type: 'TILL', name: 't', parentId: 'NOPE' }, /store NOPE does not exist/],
      [{ id: 'Cx', type: 'CONCEPT', name: 'c', parentId: 'C1' }, /no parent/],
      [
        {
          id: 'Sy',
          type: 'STORE',
          name: 's',
          parentId: 'Z1',
          timeZone: 'Mars/Base',
          currency: 'INR',
        },
        /IANA time zone/,
      ],
    ];
    for (const [input, message] of bad) {
      const e = await rejected(add(input));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(message);
    }
    expect((await listOrg(w.sql)).items).toHaveLength(12);
  });

  it('a duplicate id is a CONFLICT', async () => {
    const e = await rejected(add({ id: 'S1', type: 'ZONE', name: 'dup', parentId: 'C1' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('S1');
  });

  it('resolves a till store context up the tree', async () => {
    expect(await resolveStoreContext(w.sql, 'S3', 'TS3-2')).toEqual({
      tillId: 'TS3-2',
      storeId: 'S3',
      zoneId: 'Z2',
      conceptId: 'C1',
      timeZone: 'Asia/Dubai',
      currency: 'AED',
    });
    expect((await rejected(resolveStoreContext(w.sql, 'S9', 'TS1-1'))).code).toBe('NOT_FOUND');
    expect((await rejected(resolveStoreContext(w.sql, 'Z1', 'TS1-1'))).code).toBe('NOT_FOUND');
    expect((await rejected(resolveStoreContext(w.sql, 'S1', 'T9'))).code).toBe('NOT_FOUND');
    const wrong = await rejected(resolveStoreContext(w.sql, 'S1', 'TS2-1'));
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(wrong.message).toBe('Till TS2-1 belongs to store S2, not store S1');
  });

  it('org settings default to Asia/Kolkata and INR and can be changed', async () => {
    expect(await getOrgSettings(w.sql)).toEqual({ timeZone: 'Asia/Kolkata', currency: 'INR' });
    await setOrgSettings(w.sql, { currency: 'AED' });
    expect(await getOrgSettings(w.sql)).toEqual({ timeZone: 'Asia/Kolkata', currency: 'AED' });
    await setOrgSettings(w.sql, { currency: 'INR' });
  });
});
