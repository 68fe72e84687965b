import type { HandlerContext } from '#shared/api/handlers';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { jsonOf } from '../shared/values';

/** What a new offer starts with where the org has a policy (org_settings keys of these names). */
export type OfferDefaults = {
  /** Whether a new offer reaches in-store tills unless its author says otherwise. */
  syncToInStoreByDefault: boolean;
};

export const builtInOfferDefaults: OfferDefaults = { syncToInStoreByDefault: false };

export async function getOfferDefaults(sql: SqlPort): Promise<OfferDefaults> {
  const rows = await sql.query<{ value: unknown }>(
    "SELECT value FROM org_settings WHERE key = 'syncToInStoreByDefault'",
  );
  const value = rows[0] ? jsonOf<unknown>(rows[0].value) : undefined;
  return { syncToInStoreByDefault: typeof value === 'boolean' ? value : false };
}

/** Sets the org's offer defaults; audited as a change of the org's settings. */
export async function setOfferDefaults(
  patch: Partial<OfferDefaults>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OfferDefaults> {
  return ctx.sql.transaction(async (tx) => {
    const before = await getOfferDefaults(tx);
    if (patch.syncToInStoreByDefault !== undefined) {
      await tx.query(
        `INSERT INTO org_settings (key, value) VALUES ('syncToInStoreByDefault', $1::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify(patch.syncToInStoreByDefault)],
      );
    }
    const after = await getOfferDefaults(tx);
    if (after.syncToInStoreByDefault !== before.syncToInStoreByDefault) {
      await audit(tx, {
        at: nowIso(ctx),
        actor: actorOf(ctx.principal),
        action: 'org.settings',
        entityType: 'org',
        entityId: 'settings',
        details: {
          changes: {
            syncToInStoreByDefault: {
              before: before.syncToInStoreByDefault,
              after: after.syncToInStoreByDefault,
            },
          },
        },
      });
    }
    return after;
  });
}
