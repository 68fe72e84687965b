import { create } from 'zustand';
import { send } from '#renderer/api/client';
import type { OfferSummary } from '#shared/api/operations/offers';

export const pageSize = 100;

export type ListQuery = { q: string; activeOnly: boolean; sort: 'modified' | 'created' };

type OffersListState = {
  query: ListQuery;
  /** Rows known so far, by page number; pages load as they scroll into view. */
  pages: Record<number, OfferSummary[]>;
  total: number | null;
  loading: Record<number, true>;
  error: unknown;
  /** Bumped on every query change so answers to an old query are dropped. */
  generation: number;
  setQuery: (patch: Partial<ListQuery>) => void;
  ensureRange: (first: number, last: number) => void;
  refresh: () => void;
};

/** Which pages hold rows first..last. */
export const pagesFor = (first: number, last: number, size = pageSize): number[] => {
  if (last < first) return [];
  const out: number[] = [];
  for (let p = Math.floor(first / size); p <= Math.floor(last / size); p++) out.push(p);
  return out;
};

export const rowAt = (pages: Record<number, OfferSummary[]>, index: number, size = pageSize) =>
  pages[Math.floor(index / size)]?.[index % size];

export const useOffersList = create<OffersListState>()((set, get) => {
  const loadPage = async (page: number) => {
    const { query, generation, loading, pages } = get();
    if (loading[page] || pages[page]) return;
    set({ loading: { ...loading, [page]: true } });
    try {
      const r = await send('offers-list', {
        ...(query.q.trim() ? { q: query.q.trim() } : {}),
        ...(query.activeOnly ? { activeOnly: true } : {}),
        sort: query.sort,
        limit: pageSize,
        offset: page * pageSize,
      });
      if (get().generation !== generation) return;
      set((s) => ({ pages: { ...s.pages, [page]: r.items }, total: r.total, error: null }));
    } catch (e) {
      if (get().generation === generation) set({ error: e });
    } finally {
      if (get().generation === generation) {
        set((s) => {
          const rest = { ...s.loading };
          delete rest[page];
          return { loading: rest };
        });
      }
    }
  };

  return {
    query: { q: '', activeOnly: false, sort: 'modified' },
    pages: {},
    total: null,
    loading: {},
    error: null,
    generation: 0,
    setQuery: (patch) => {
      set((s) => ({
        query: { ...s.query, ...patch },
        pages: {},
        total: null,
        loading: {},
        error: null,
        generation: s.generation + 1,
      }));
      void loadPage(0);
    },
    ensureRange: (first, last) => {
      for (const p of pagesFor(first, last)) void loadPage(p);
    },
    refresh: () => get().setQuery({}),
  };
});
