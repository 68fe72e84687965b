import { useEffect, useMemo, useState } from 'react';
import { formatDiscount } from '#renderer/lib/money-format';
import { orgName, useOrg } from '#renderer/app/org-store';
import { getSetting } from '#renderer/db/local-db';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { SelectField } from '#renderer/ui/Field';
import { formatCount } from '#renderer/ui/format';
import { Table } from '#renderer/ui/Table';
import { useAuth } from '../auth/auth-store';
import { SyncFitDialog } from './SyncFitDialog';
import { SyncHealthPanel } from './SyncHealthPanel';
import { syncMisfits } from './sync-fit';
import { lineages, syncsToStore } from './sync-scope';
import { syncPageSize, useStoreSync, type SyncRow } from './store-sync-store';
import './store-sync.css';

type Shown = 'store' | 'all';
const shownOptions: { value: Shown; label: string }[] = [
  { value: 'store', label: 'Offers redeemable at this store' },
  { value: 'all', label: 'Every active offer' },
];

/**
 * A store manager's start screen: which offers reach this store's tills (by default the offers
 * that may be redeemed there), a warning before syncing one that does not fit the store, and
 * sync health.
 */
export const StoreSyncPage = () => {
  const user = useAuth((s) => s.user);
  const org = useOrg();
  const s = useStoreSync();
  const [storeId, setStoreId] = useState('');
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<Shown>('store');
  const [asking, setAsking] = useState<{ row: SyncRow; reasons: string[] } | null>(null);

  const ensureOrg = org.ensure;
  useEffect(() => {
    void ensureOrg();
    // Default to the store this device is set up as.
    void getSetting<{ storeId: string }>('till').then(
      (t) => t && setStoreId((cur) => cur || t.storeId),
    );
  }, [ensureOrg]);

  const all = useMemo(() => lineages(org.items ?? []), [org.items]);
  const stores = (org.items ?? []).filter(
    (e) => e.type === 'STORE' && (!user?.storeIds || user.storeIds.includes(e.id)),
  );
  useEffect(() => {
    if (!storeId && stores[0]) setStoreId(stores[0].id);
  }, [storeId, stores]);

  const { load } = s;
  const listedFor = shown === 'store' ? storeId || null : null;
  useEffect(() => {
    // Wait for the store before listing the offers that concern it.
    if (shown === 'store' && !storeId) return;
    const t = setTimeout(() => void load(search, 0, listedFor), 250);
    return () => clearTimeout(t);
  }, [search, load, listedFor, shown, storeId]);

  const store = all.find((x) => x.storeId === storeId);
  const storeName = orgName(org.items, storeId);
  const pages = Math.max(1, Math.ceil(s.total / syncPageSize));

  /** Switching sync on for an offer that does not fit the store asks first. */
  const switchSync = (row: SyncRow, on: boolean) => {
    if (!store) return;
    const reasons = on && row.fit ? syncMisfits(row.fit, store.storeId, org.items ?? []) : [];
    if (reasons.length > 0) setAsking({ row, reasons });
    else void s.toggle(row.offer.id, { ...store, name: storeName }, on, all);
  };

  return (
    <section className="page store-sync">
      <h1>Store sync</h1>
      <div className="store-sync__grid">
        <div>
          <div className="filters">
            <SelectField
              id="sync-store"
              label="Store"
              value={storeId}
              onChange={setStoreId}
              options={stores.map((x) => ({ value: x.id, label: x.name }))}
            />
            <SelectField
              id="sync-shown"
              label="Show"
              value={shown}
              onChange={setShown}
              options={shownOptions}
            />
            <div className="field">
              <label htmlFor="sync-search">Search active offers</label>
              <input
                id="sync-search"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          </div>
          <ErrorBanner error={org.error ?? s.error} />
          <Table
            label="Active offers and whether they sync to this store"
            busy={s.loading}
            headerWhenEmpty
            columns={[
              {
                header: 'Sync to this store',
                cell: (r) => {
                  const on = store && r.setting ? syncsToStore(r.setting, store) : false;
                  return (
                    <input
                      type="checkbox"
                      role="switch"
                      aria-checked={on}
                      id={`sync-${r.offer.id}`}
                      checked={on}
                      disabled={!store || !r.setting || s.savingId === r.offer.id}
                      onChange={(e) => switchSync(r, e.target.checked)}
                      aria-label={`Sync ${r.offer.name} to this store`}
                    />
                  );
                },
              },
              {
                header: 'Offer',
                cell: (r) => <label htmlFor={`sync-${r.offer.id}`}>{r.offer.name}</label>,
              },
              { header: 'Discount', cell: (r) => formatDiscount(r.offer.discountParts) },
              {
                header: 'Synced to',
                className: 'muted',
                cell: (r) =>
                  r.setting
                    ? r.setting.enabled
                      ? r.setting.scope.length
                        ? r.setting.scope
                            .map((x) => `${orgName(org.items, x.id)} (${x.type.toLowerCase()})`)
                            .join(', ')
                        : 'All stores'
                      : 'Not synced'
                    : r.error
                      ? 'Could not load'
                      : '…',
              },
            ]}
            rows={s.rows}
            rowKey={(r) => r.offer.id}
            empty={
              s.loading
                ? null
                : shown === 'store'
                  ? `No active offer may be redeemed at ${storeName}.`
                  : 'No active offers.'
            }
          />
          <div className="actions pager">
            <button
              type="button"
              disabled={s.page === 0 || s.loading}
              onClick={() => void load(search, s.page - 1, listedFor)}
            >
              Previous
            </button>
            <span>
              Page {s.page + 1} of {pages} · {formatCount(s.total)} offers
            </span>
            <button
              type="button"
              disabled={s.page + 1 >= pages || s.loading}
              onClick={() => void load(search, s.page + 1, listedFor)}
            >
              Next
            </button>
          </div>
        </div>
        <SyncHealthPanel />
      </div>
      {asking && store ? (
        <SyncFitDialog
          offerName={asking.row.offer.name}
          storeName={storeName}
          reasons={asking.reasons}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void s.toggle(asking.row.offer.id, { ...store, name: storeName }, true, all);
          }}
        />
      ) : null}
    </section>
  );
};
