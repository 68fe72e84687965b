import { create } from 'zustand';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { OpInput, OpOutput } from '#shared/api/operations';
import { resolutionLabels } from './labels';

export type ReconItem = OpOutput<'reconciliation-list'>['items'][number];
export type ReconFilter = Omit<OpInput<'reconciliation-list'>, 'limit' | 'offset'>;
export type Resolution = OpInput<'reconciliation-resolve'>['action'];

/** After an outage there are hundreds: a page large enough to select an outage's worth. */
export const reconPageSize = 100;

export type BulkOutcome = { resolved: number; failed: { code: string; error: unknown }[] };

type ReconState = {
  filter: ReconFilter;
  page: number;
  items: ReconItem[];
  total: number;
  loading: boolean;
  error: unknown;
  /** Per item: the last resolve error, shown next to its form. */
  resolveErrors: Record<string, unknown>;
  resolving: string | null;
  /** Open items ticked for one decision. */
  selected: ReadonlySet<string>;
  bulkRunning: boolean;
  bulkOutcome: BulkOutcome | null;
  load: (filter: ReconFilter, page: number) => Promise<void>;
  resolve: (id: string, action: Resolution, reason: string) => Promise<boolean>;
  toggle: (id: string, on: boolean) => void;
  selectOnly: (ids: readonly string[]) => void;
  resolveSelected: (action: Resolution, reason: string) => Promise<BulkOutcome>;
};

export const useReconciliation = create<ReconState>()((set, get) => ({
  filter: { status: 'OPEN' },
  page: 0,
  items: [],
  total: 0,
  loading: false,
  error: null,
  resolveErrors: {},
  resolving: null,
  selected: new Set(),
  bulkRunning: false,
  bulkOutcome: null,
  load: async (filter, page) => {
    set({ filter, page, loading: true, error: null, selected: new Set() });
    try {
      const r = await send('reconciliation-list', {
        ...filter,
        limit: reconPageSize,
        offset: page * reconPageSize,
      });
      if (get().filter === filter && get().page === page) set({ items: r.items, total: r.total });
    } catch (e) {
      set({ error: e, items: [], total: 0 });
    } finally {
      set({ loading: false });
    }
  },
  resolve: async (id, action, reason) => {
    set((s) => ({ resolving: id, resolveErrors: { ...s.resolveErrors, [id]: null } }));
    try {
      const item = await send('reconciliation-resolve', { id, action, reason });
      set((s) => {
        const selected = new Set(s.selected);
        selected.delete(id);
        return { items: s.items.map((i) => (i.id === id ? item : i)), selected };
      });
      void recordActivity(
        'reconciliation',
        `${resolutionLabels[action].label}: ${item.code} (${item.offerName})`,
      );
      return true;
    } catch (e) {
      set((s) => ({ resolveErrors: { ...s.resolveErrors, [id]: e } }));
      return false;
    } finally {
      set({ resolving: null });
    }
  },
  toggle: (id, on) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (on) selected.add(id);
      else selected.delete(id);
      return { selected };
    }),
  selectOnly: (ids) => set({ selected: new Set(ids) }),
  resolveSelected: async (action, reason) => {
    const ids = [...get().selected];
    set({ bulkRunning: true, bulkOutcome: null });
    const outcome: BulkOutcome = { resolved: 0, failed: [] };
    // One at a time: each decision is its own audited transaction, and the hub's locks on an
    // offer would only make parallel ones wait for each other.
    for (const id of ids) {
      const code = get().items.find((i) => i.id === id)?.code ?? id;
      if (await get().resolve(id, action, reason)) outcome.resolved += 1;
      else outcome.failed.push({ code, error: get().resolveErrors[id] });
    }
    set({ bulkRunning: false, bulkOutcome: outcome });
    return outcome;
  },
}));
