import type { OrgEntityRef } from '#shared/domain/primitives';
import type { SqlPort } from '#shared/sql/port';
import { scopeReachesTill, type TillPlace } from '#shared/sync/scope';
import { resolveStoreContext } from '#shared/services/org/index';

/** Where a till stands in the org tree, and which offers reach it there. */

export const tillPlace = async (
  sql: SqlPort,
  tillId: string,
  storeId: string,
): Promise<TillPlace> => {
  const ctx = await resolveStoreContext(sql, storeId, tillId);
  return { tillId, storeId, zoneId: ctx.zoneId, conceptId: ctx.conceptId };
};

/** Ids of the offers synced to in-store whose scope reaches this till. */
export const visibleOfferIds = async (sql: SqlPort, place: TillPlace): Promise<string[]> => {
  const rows = await sql.query<{ id: string; scope: unknown }>(
    `SELECT id, config #> '{syncToInStore,scope}' AS scope FROM offers WHERE sync_enabled`,
  );
  return rows
    .filter((r) =>
      scopeReachesTill(Array.isArray(r.scope) ? (r.scope as OrgEntityRef[]) : [], place),
    )
    .map((r) => r.id);
};
