import { create } from 'zustand';
import { send } from '../../api/client';
import { recordActivity } from '../../db/local-db';
import type { OpInput, OpOutput } from '../../../src-shared/api/operations';

export type ReconItem = OpOutput<'reconciliation-list'>['items'][number];
export type ReconFilter = Omit<OpInput<'reconciliation-list'>, 'limit' | 'offset'>;
export type Resolution = OpInput<'reconciliation-resolve'>['action'];

export const reconPageSize = 50;

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
  load: (filter: ReconFilter, page: number) => Promise<void>;
  resolve: (id: string, action: Resolution, reason: string) => Promise<boolean>;
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
  load: async (filter, page) => {
    set({ filter, page, loading: true, error: null });
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
      set((s) => ({ items: s.items.map((i) => (i.id === id ? item : i)) }));
      void recordActivity('reconciliation', `Resolved ${item.code} (${item.offerName}): ${action}`);
      return true;
    } catch (e) {
      set((s) => ({ resolveErrors: { ...s.resolveErrors, [id]: e } }));
      return false;
    } finally {
      set({ resolving: null });
    }
  },
}));
