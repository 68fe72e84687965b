import { create } from 'zustand';
import { send } from '../../api/client';
import { recordActivity } from '../../db/local-db';
import type { OfferSummary } from '../../../src-shared/api/operations/offers';
import { setStoreSync, type StoreLineage, type SyncSetting } from './sync-scope';

export const syncPageSize = 25;

export type SyncRow = { offer: OfferSummary; setting: SyncSetting | null; error: unknown };

type StoreSyncState = {
  q: string;
  page: number;
  total: number;
  rows: SyncRow[];
  loading: boolean;
  error: unknown;
  savingId: string | null;
  load: (q: string, page: number) => Promise<void>;
  toggle: (offerId: string, store: StoreLineage, on: boolean, all: StoreLineage[]) => Promise<void>;
};

export const useStoreSync = create<StoreSyncState>()((set, get) => ({
  q: '',
  page: 0,
  total: 0,
  rows: [],
  loading: false,
  error: null,
  savingId: null,
  load: async (q, page) => {
    set({ q, page, loading: true, error: null });
    try {
      const list = await send('offers-list', {
        ...(q.trim() ? { q: q.trim() } : {}),
        activeOnly: true,
        sort: 'modified',
        limit: syncPageSize,
        offset: page * syncPageSize,
      });
      // The summary says only whether sync is on; the per-store scope needs the offer itself.
      const rows = await Promise.all(
        list.items.map(async (offer): Promise<SyncRow> => {
          try {
            const { offer: full } = await send('offers-get', { id: offer.id });
            return { offer, setting: full.syncToInStore as SyncSetting, error: null };
          } catch (e) {
            return { offer, setting: null, error: e };
          }
        }),
      );
      if (get().q === q && get().page === page) set({ rows, total: list.total });
    } catch (e) {
      set({ error: e });
    } finally {
      set({ loading: false });
    }
  },
  toggle: async (offerId, store, on, all) => {
    const row = get().rows.find((r) => r.offer.id === offerId);
    if (!row?.setting) return;
    const next = setStoreSync(row.setting, store, on, all);
    set({ savingId: offerId, error: null });
    try {
      const saved = await send('offers-set-sync', {
        id: offerId,
        enabled: next.enabled,
        scope: next.scope,
      });
      set((s) => ({
        rows: s.rows.map((r) =>
          r.offer.id === offerId
            ? { ...r, setting: { enabled: saved.enabled, scope: saved.scope } }
            : r,
        ),
      }));
      void recordActivity(
        'sync',
        `${on ? 'Synced' : 'Stopped syncing'} ${row.offer.name} ${on ? 'to' : 'at'} store ${store.storeId}`,
      );
    } catch (e) {
      set({ error: e });
    } finally {
      set({ savingId: null });
    }
  },
}));
