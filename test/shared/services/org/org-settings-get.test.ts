import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src-shared/api/dispatch';
import type { Principal } from '../../../../src-shared/api/roles';
import { createHandlers } from '../../../../src-shared/services/handlers';
import { setOrgSettings } from '../../../../src-shared/services/org/org-settings';
import { freshDb, eachDialect, type TestDb } from '../../../helpers/db';
import { testContext } from '../support/context';

const dispatch = createDispatcher(createHandlers(), { onInternalError: () => undefined });

eachDialect('org: settings for the screens', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());

  it('answers the default, then what the org set; any signed-in role may read it', async () => {
    const { ctx } = testContext(db.sql);
    const cashier: Principal = {
      kind: 'user',
      userId: 'u-c',
      username: 'cashier',
      role: 'cashier',
      storeIds: ['S1'],
    };
    expect(await dispatch('org-settings-get', {}, { ...ctx, principal: cashier })).toEqual({
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
    });
    await setOrgSettings(db.sql, { timeZone: 'Europe/London' });
    expect(await dispatch('org-settings-get', {}, ctx)).toEqual({
      timeZone: 'Europe/London',
      currency: 'INR',
    });
    await expect(
      dispatch('org-settings-get', {}, { ...ctx, principal: { kind: 'anonymous' } }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
