import type { OrgEntityRef } from '../domain/primitives';

/** Where a till sits in the org tree (its ancestors), as the hub resolves it. */
export type TillPlace = {
  tillId: string;
  storeId: string;
  zoneId: string | null;
  conceptId: string | null;
};

/**
 * Does an offer synced to in-store with this scope reach this till? An empty scope means every
 * store. A tag matches the till itself, its store, its zone or its concept.
 */
export const scopeReachesTill = (scope: readonly OrgEntityRef[], place: TillPlace): boolean => {
  if (scope.length === 0) return true;
  return scope.some(
    (ref) =>
      (ref.type === 'TILL' && ref.id === place.tillId) ||
      (ref.type === 'STORE' && ref.id === place.storeId) ||
      (ref.type === 'ZONE' && ref.id === place.zoneId) ||
      (ref.type === 'CONCEPT' && ref.id === place.conceptId),
  );
};
