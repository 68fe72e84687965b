import type { OrgEntityRef } from '#shared/domain/primitives';
import type { OrgEntity } from '#renderer/app/org-store';

/** What of an offer decides whether it fits a store: its discount's money and where it redeems. */
export type OfferFitFacts = {
  name: string;
  /** The fixed amount's currency, or a percentage cap's; null when no money is named. */
  currency: string | null;
  /** Where it may be redeemed; empty = every store. */
  stores: OrgEntityRef[];
};

/** Places that take in a store: the store, its zone and concept, and its tills. */
const placesOf = (org: readonly OrgEntity[], storeId: string): Set<string> => {
  const byId = new Map(org.map((e) => [e.id, e]));
  const ids = new Set([storeId]);
  let parent = byId.get(storeId)?.parentId ?? null;
  for (let depth = 0; parent && depth < 3; depth++) {
    ids.add(parent);
    parent = byId.get(parent)?.parentId ?? null;
  }
  for (const e of org) if (e.type === 'TILL' && e.parentId === storeId) ids.add(e.id);
  return ids;
};

/**
 * Why syncing this offer to this store would not do what the manager expects, in words; empty
 * when it fits. A store outside the offer's redemption scope refuses every code; a discount in
 * another currency converts at the rate in effect, and is refused where there is none.
 */
export function syncMisfits(
  offer: OfferFitFacts,
  storeId: string,
  org: readonly OrgEntity[],
): string[] {
  const store = org.find((e) => e.id === storeId);
  const storeName = store?.name ?? 'this store';
  const out: string[] = [];
  if (offer.stores.length > 0) {
    const places = placesOf(org, storeId);
    if (!offer.stores.some((r) => places.has(r.id))) {
      const where = offer.stores
        .map((r) => org.find((e) => e.id === r.id)?.name ?? 'a place no longer in the org')
        .join(', ');
      out.push(
        `${offer.name} may be redeemed only at ${where}: ${storeName}’s tills would refuse every code.`,
      );
    }
  }
  const storeCurrency = store?.currency ?? null;
  if (offer.currency && storeCurrency && offer.currency !== storeCurrency) {
    out.push(
      `Its discount is in ${offer.currency} and ${storeName} bills in ${storeCurrency}: each ` +
        `redemption converts at the exchange rate in effect, and is refused when there is none.`,
    );
  }
  return out;
}
