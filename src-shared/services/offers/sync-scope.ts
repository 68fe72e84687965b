import { ApiError } from '#shared/api/errors';
import type { Principal } from '#shared/api/roles';
import type { OrgEntityRef } from '#shared/domain/primitives';
import type { SqlPort } from '#shared/sql/port';

export type SyncSetting = { enabled: boolean; scope: OrgEntityRef[] };

/**
 * A store-scoped person (a store manager) chooses sync for their own stores only: the request
 * may name only their stores or those stores' tills, and it replaces just their part of the
 * offer's scope, leaving other stores' choices alone. An offer back office syncs to every
 * store (enabled, empty scope) cannot be narrowed from one store.
 */
export async function mergeStoreScopedSync(
  sql: SqlPort,
  principal: Principal,
  current: SyncSetting,
  requested: SyncSetting,
): Promise<SyncSetting> {
  if (principal.kind !== 'user' || principal.storeIds === null) return requested;
  const own = new Set(principal.storeIds);
  const tills = await sql.query<{ id: string; parent_id: string | null }>(
    "SELECT id, parent_id FROM org_entities WHERE type = 'TILL' AND parent_id = ANY($1::text[])",
    [[...own]],
  );
  const ownTills = new Set(tills.map((t) => t.id));
  const isOwn = (r: OrgEntityRef) =>
    (r.type === 'STORE' && own.has(r.id)) || (r.type === 'TILL' && ownTills.has(r.id));
  const foreign = requested.scope.find((r) => !isOwn(r));
  if (foreign) {
    throw new ApiError(
      'FORBIDDEN',
      `${principal.username} may choose sync only for their stores (${[...own].join(', ')}) and their tills, not ${foreign.type.toLowerCase()} ${foreign.id}`,
      { field: 'scope', ref: foreign, allowedStoreIds: [...own] },
    );
  }
  if (current.enabled && current.scope.length === 0) {
    throw new ApiError(
      'FORBIDDEN',
      'This offer syncs to every store, as back office set it; ask back office to narrow it',
      { field: 'scope' },
    );
  }
  const mine = requested.enabled
    ? requested.scope.length > 0
      ? requested.scope
      : [...own].map((id): OrgEntityRef => ({ type: 'STORE', id }))
    : [];
  const others = current.enabled ? current.scope.filter((r) => !isOwn(r)) : [];
  const scope = [...others, ...mine];
  // Empty means "every store" when enabled, so with nothing left the offer stops syncing.
  return { enabled: scope.length > 0, scope };
}
