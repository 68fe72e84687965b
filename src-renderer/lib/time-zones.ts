import { useEffect } from 'react';
import { create } from 'zustand';
import { send } from '../api/client';
import { useOrg } from '../app/org-store';
import { setOrgCurrency } from './display-locale';
import { zoneOf } from './zone-of';

type OrgZoneState = {
  /** The org's default zone; null until loaded (or when the call failed). */
  orgZone: string | null;
  /** The org's default currency; also picks the display locale's region. */
  orgCurrency: string | null;
  /** Whether new offers sync to in-store tills unless their author says otherwise. */
  syncToInStoreByDefault: boolean;
  loading: boolean;
  /** The fetch has answered or failed: screens that need the zone may go on. */
  settled: boolean;
  ensure: () => Promise<void>;
};

/** The org's default zone, fetched once per session (org-settings-get). */
export const useOrgZone = create<OrgZoneState>()((set, get) => ({
  orgZone: null,
  orgCurrency: null,
  syncToInStoreByDefault: false,
  loading: false,
  settled: false,
  ensure: async () => {
    if (get().orgZone !== null || get().loading) return;
    set({ loading: true });
    try {
      const s = await send('org-settings-get', {});
      setOrgCurrency(s.currency);
      set({
        orgZone: s.timeZone,
        orgCurrency: s.currency,
        syncToInStoreByDefault: s.syncToInStoreByDefault,
        loading: false,
        settled: true,
      });
    } catch {
      // Times then show in UTC, labelled, rather than silently in the browser's zone.
      set({ loading: false, settled: true });
    }
  },
}));

export type ZoneLookup = {
  /** The zone of a store or till (its store), else the org's default. */
  zoneOf: (placeId?: string | null) => string;
  orgZone: string;
  orgCurrency: string | null;
  /** The org's zone is known (or could not be had: UTC then); the org tree may still load. */
  ready: boolean;
};

/** Loads the org tree and default zone once, and resolves places to zones. */
export function useTimeZones(): ZoneLookup {
  const items = useOrg((s) => s.items);
  const ensureOrg = useOrg((s) => s.ensure);
  const orgZone = useOrgZone((s) => s.orgZone);
  const ensureZone = useOrgZone((s) => s.ensure);
  const settled = useOrgZone((s) => s.settled);
  const orgCurrency = useOrgZone((s) => s.orgCurrency);
  useEffect(() => {
    void ensureOrg();
    void ensureZone();
  }, [ensureOrg, ensureZone]);
  const fallback = orgZone ?? 'UTC';
  return {
    zoneOf: (placeId) => zoneOf(items, placeId, fallback),
    orgZone: fallback,
    orgCurrency,
    ready: settled,
  };
}
