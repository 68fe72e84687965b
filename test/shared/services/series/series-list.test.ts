import { beforeAll, expect, it } from 'vitest';
import { createOffer } from '#shared/services/offers/offer-create';
import { listSeriesByOrgEntity } from '#shared/services/series/series-list';
import { seriesHandlers } from '#shared/services/series/handlers';
import { operations } from '#shared/api/operations';
import type { OrgEntityRef } from '#shared/domain/primitives';
import { eachDialect } from '../../../helpers/db';
import { offerConfig } from '../support/offer-fixture';
import { useServiceWorld } from '../support/world';

eachDialect('series by org entity', (dialect) => {
  const w = useServiceWorld(dialect);
  beforeAll(async () => {
    const tagged = (name: string, stores: OrgEntityRef[]) =>
      createOffer(offerConfig({ name, redemption: { stores } }), w.ctx);
    await tagged('zone one', [{ type: 'ZONE', id: 'Z1' }]);
    await tagged('store one', [{ type: 'STORE', id: 'S1' }]);
    await tagged('stores one and three', [
      { type: 'STORE', id: 'S1' },
      { type: 'STORE', id: 'S3' },
    ]);
    await tagged('till of store two', [{ type: 'TILL', id: 'TS2-1' }]);
    await tagged('concept', [{ type: 'CONCEPT', id: 'C1' }]);
    await tagged('everywhere', []);
  });

  const names = async (orgEntityType: OrgEntityRef['type'], ids: string | string[]) => {
    const input = operations['series-list'].input.parse({ orgEntityType, orgEntityIds: ids });
    return (await listSeriesByOrgEntity(input, w.ctx)).items.map((i) => i.name).sort();
  };

  it('a zone returns only offers tagged to that zone, not those of its stores', async () => {
    expect(await names('ZONE', 'Z1')).toEqual(['zone one']);
    expect(await names('ZONE', 'Z2')).toEqual([]);
  });

  it('stores, tills and concepts return their direct tags; several ids are a union', async () => {
    expect(await names('STORE', 'S1')).toEqual(['store one', 'stores one and three']);
    expect(await names('STORE', ['S1', 'S3'])).toEqual(['store one', 'stores one and three']);
    expect(await names('STORE', 'S2')).toEqual([]);
    expect(await names('TILL', 'TS2-1')).toEqual(['till of store two']);
    expect(await names('CONCEPT', 'C1')).toEqual(['concept']);
  });

  it('one type per request: an id of another type matches nothing', async () => {
    expect(await names('ZONE', 'S1')).toEqual([]);
    expect(await names('STORE', 'Z1')).toEqual([]);
  });

  it('unknown ids are not an error, they just yield nothing', async () => {
    expect(await names('STORE', ['NOPE', 'S3'])).toEqual(['stores one and three']);
    expect(await names('TILL', 'ghost')).toEqual([]);
  });

  it('is mounted as the series-list handler', async () => {
    const out = await seriesHandlers['series-list'](
      { orgEntityType: 'ZONE', orgEntityIds: ['Z1'] },
      w.ctx,
    );
    expect(out.items.map((i) => i.name)).toEqual(['zone one']);
  });
});
