/** What zone resolution needs of an org entity (the org-list rows). */
export type ZonedEntity = {
  id: string;
  type: string;
  parentId: string | null;
  timeZone: string | null;
};

/**
 * The zone a time at a place is read in: a store's own zone; for a till, its store's; the org's
 * default where there is no place, the place is unknown, or the store has no zone.
 */
export function zoneOf(
  entities: readonly ZonedEntity[] | null,
  placeId: string | null | undefined,
  orgZone: string,
): string {
  if (!placeId || !entities) return orgZone;
  let entity = entities.find((e) => e.id === placeId);
  // A till has no zone of its own; walk up to its store (at most a few levels).
  for (let depth = 0; entity && depth < 4; depth++) {
    if (entity.type === 'STORE') return entity.timeZone ?? orgZone;
    const parentId = entity.parentId;
    entity =
      entity.type === 'TILL' && parentId ? entities.find((e) => e.id === parentId) : undefined;
  }
  return orgZone;
}
