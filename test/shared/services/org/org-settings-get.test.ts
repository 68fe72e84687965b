import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import type { Principal } from '#shared/api/roles';
import { createHandlers } from '#shared/services/handlers';
import { setOrgSettings } from '#shared/services/org/org-settings';
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
      syncToInStoreByDefault: false,
    });
    await setOrgSettings(db.sql, { timeZone: 'Europe/London' });
    expect(await dispatch('org-settings-get', {}, ctx)).toEqual({
      timeZone: 'Europe/London',
      currency: 'INR',
      syncToInStoreByDefault: false,
    });
    await expect(
      dispatch('org-settings-get', {}, { ...ctx, principal: { kind: 'anonymous' } }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an admin sets whether new offers sync to tills; others may not; the change is audited', async () => {
    const { ctx } = testContext(db.sql);
    const admin: Principal = { ...ctx.principal, role: 'admin' } as Principal;
    await expect(
      dispatch('org-settings-update', { syncToInStoreByDefault: true }, ctx),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await dispatch(
        'org-settings-update',
        { syncToInStoreByDefault: true },
        { ...ctx, principal: admin },
      ),
    ).toMatchObject({ syncToInStoreByDefault: true });
    expect(await dispatch('org-settings-get', {}, ctx)).toMatchObject({
      syncToInStoreByDefault: true,
    });
    // Setting the same value again records nothing new.
    await dispatch(
      'org-settings-update',
      { syncToInStoreByDefault: true },
      { ...ctx, principal: admin },
    );
    const entries = await db.sql.query<{ action: string; details: unknown }>(
      "SELECT action, details FROM audit_log WHERE action = 'org.settings'",
    );
    expect(entries).toHaveLength(1);
    const details = (
      typeof entries[0]?.details === 'string' ? JSON.parse(entries[0].details) : entries[0]?.details
    ) as unknown;
    expect(details).toEqual({
      changes: { syncToInStoreByDefault: { before: false, after: true } },
    });
    await dispatch(
      'org-settings-update',
      { syncToInStoreByDefault: false },
      { ...ctx, principal: admin },
    );
  });
});
