import { create } from 'zustand';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { OfferSummary } from '#shared/api/operations/offers';
import type { OfferFitFacts } from './sync-fit';
import { setStoreSync, type StoreLineage, type SyncSetting } from './sync-scope';

export const syncPageSize = 25;

export type SyncRow = {
  offer: OfferSummary;
  setting: SyncSetting | null;
  /** Null until the offer itself has loaded. */
  fit: OfferFitFacts | null;
  error: unknown;
};

type StoreSyncState = {
  q: string;
  /** Only offers redeemable at this store; null lists every active offer. */
  storeId: string | null;
  page: number;
  total: number;
  rows: SyncRow[];
  loading: boolean;
  error: unknown;
  savingId: string | null;
  load: (q: string, page: number, storeId: string | null) => Promise<void>;
  toggle: (
    offerId: string,
    store: StoreLineage & { name: string },
    on: boolean,
    all: StoreLineage[],
  ) => Promise<void>;
};

export const useStoreSync = create<StoreSyncState>()((set, get) => ({
  q: '',
  storeId: null,
  page: 0,
  total: 0,
  rows: [],
  loading: false,
  error: null,
  savingId: null,
  load: async (q, page, storeId) => {
    set({ q, page, storeId, loading: true, error: null });
    try {
      const list = await send('offers-list', {
        ...(q.trim() ? { q: q.trim() } : {}),
        ...(storeId ? { redeemableAt: storeId } : {}),
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
            const d = full.discount;
            const fit: OfferFitFacts = {
              name: full.name,
              currency: d.type === 'FIXED' ? d.currency : (d.maxDiscountCurrency ?? null),
              stores: full.redemption?.stores ?? [],
            };
            return { offer, setting: full.syncToInStore as SyncSetting, fit, error: null };
          } catch (e) {
            return { offer, setting: null, fit: null, error: e };
          }
        }),
      );
      const st = get();
      if (st.q === q && st.page === page && st.storeId === storeId) {
        set({ rows, total: list.total });
      }
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
        `${on ? 'Synced' : 'Stopped syncing'} ${row.offer.name} ${on ? 'to' : 'at'} ${store.name}`,
      );
    } catch (e) {
      set({ error: e });
    } finally {
      set({ savingId: null });
    }
  },
}));
