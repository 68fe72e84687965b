import { create } from 'zustand';
import { send } from '../api/client';
import type { OpOutput } from '#shared/api/operations';

export type OrgEntity = OpOutput<'org-list'>['items'][number];

type OrgState = {
  items: OrgEntity[] | null;
  error: unknown;
  /** Loads the org tree once per session; screens that need stores/tills call this. */
  ensure: () => Promise<void>;
  reload: () => Promise<void>;
};

export const useOrg = create<OrgState>()((set, get) => ({
  items: null,
  error: null,
  ensure: async () => {
    if (get().items === null) await get().reload();
  },
  reload: async () => {
    try {
      const r = await send('org-list', {});
      set({ items: r.items, error: null });
    } catch (e) {
      set({ error: e });
    }
  },
}));

export const orgName = (items: readonly OrgEntity[] | null, id: string): string =>
  items?.find((e) => e.id === id)?.name ?? id;
