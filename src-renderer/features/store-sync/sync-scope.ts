import type { OrgEntityRef } from '#shared/domain/primitives';

export type SyncSetting = { enabled: boolean; scope: OrgEntityRef[] };

/** A store with its zone and concept; a sync scope naming either covers the store. */
export type StoreLineage = { storeId: string; zoneId: string | null; conceptId: string | null };

const covers = (r: OrgEntityRef, store: StoreLineage): boolean =>
  (r.type === 'STORE' && r.id === store.storeId) ||
  (r.type === 'ZONE' && r.id === store.zoneId) ||
  (r.type === 'CONCEPT' && r.id === store.conceptId);

/**
 * Whether an offer syncs to this store: enabled, and either no scope (every store) or a scope
 * naming the store, its zone or its concept.
 */
export const syncsToStore = (s: SyncSetting, store: StoreLineage): boolean =>
  s.enabled && (s.scope.length === 0 || s.scope.some((r) => covers(r, store)));

const storeRef = (id: string): OrgEntityRef => ({ type: 'STORE', id });

/**
 * The setting after a store manager switches sync on or off for their store only, leaving
 * every other store as it was: a broad ref (every store, the zone, the concept) that covered
 * this store is replaced by the other stores it covered.
 */
export const setStoreSync = (
  s: SyncSetting,
  store: StoreLineage,
  on: boolean,
  allStores: readonly StoreLineage[],
): SyncSetting => {
  if (on === syncsToStore(s, store)) return s;
  if (on) {
    return { enabled: true, scope: [...(s.enabled ? s.scope : []), storeRef(store.storeId)] };
  }
  const others = allStores.filter((x) => x.storeId !== store.storeId);
  const next: OrgEntityRef[] =
    s.scope.length === 0
      ? others.map((x) => storeRef(x.storeId))
      : s.scope.flatMap((r) => {
          if (!covers(r, store)) return [r];
          if (r.type === 'STORE') return [];
          return others.filter((x) => covers(r, x)).map((x) => storeRef(x.storeId));
        });
  const seen = new Set<string>();
  const scope = next.filter((r) => {
    const k = `${r.type}:${r.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return scope.length ? { enabled: true, scope } : { enabled: false, scope: [] };
};

/** Store lineages from the org list (store → zone → concept). */
export const lineages = (
  org: readonly { id: string; type: string; parentId: string | null }[],
): StoreLineage[] => {
  const byId = new Map(org.map((e) => [e.id, e]));
  return org
    .filter((e) => e.type === 'STORE')
    .map((st) => {
      const zone = st.parentId ? byId.get(st.parentId) : undefined;
      const zoneId = zone?.type === 'ZONE' ? zone.id : null;
      const concept = zone?.parentId ? byId.get(zone.parentId) : undefined;
      return { storeId: st.id, zoneId, conceptId: concept?.type === 'CONCEPT' ? concept.id : null };
    });
};
