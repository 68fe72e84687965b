import { create } from 'zustand';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import type { AuditQuery } from './audit-filter';

export type AuditRow = OpOutput<'audit-list'>['items'][number];

export const auditPageSize = 50;

type AuditState = {
  query: AuditQuery;
  /** Cursor that starts each page seen so far (undefined = the newest); last = current page. */
  starts: (string | undefined)[];
  items: AuditRow[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  /** A new filter: back to the newest page. */
  search: (query: AuditQuery) => Promise<void>;
  older: () => Promise<void>;
  newer: () => Promise<void>;
};

/**
 * Keyset paging (the API's cursor): "Older" follows nextCursor, "Newer" goes back to the page
 * start remembered before it. Nothing is counted, so a long trail pages as fast as a short one.
 */
export const useAudit = create<AuditState>()((set, get) => {
  const fetchPage = async (query: AuditQuery, starts: (string | undefined)[]): Promise<void> => {
    set({ query, starts, loading: true, error: null });
    const cursor = starts[starts.length - 1];
    try {
      const r = await send('audit-list', {
        ...query,
        limit: auditPageSize,
        ...(cursor ? { cursor } : {}),
      });
      // A slower answer for an earlier request must not overwrite a newer one.
      if (get().query === query && get().starts === starts) {
        set({ items: r.items, nextCursor: r.nextCursor });
      }
    } catch (e) {
      set({ error: e, items: [], nextCursor: null });
    } finally {
      set({ loading: false });
    }
  };
  return {
    query: {},
    starts: [undefined],
    items: [],
    nextCursor: null,
    loading: false,
    error: null,
    search: (query) => fetchPage(query, [undefined]),
    older: async () => {
      const { nextCursor, starts, query } = get();
      if (nextCursor) await fetchPage(query, [...starts, nextCursor]);
    },
    newer: async () => {
      const { starts, query } = get();
      if (starts.length > 1) await fetchPage(query, starts.slice(0, -1));
    },
  };
});
