import { useEffect, useMemo, useState } from 'react';
import { send } from '#renderer/api/client';
import { useConnection } from '#renderer/app/connection-store';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { SelectField } from '#renderer/ui/Field';
import { useAuth } from '../auth/auth-store';
import type { TillContext } from './basket';

type OrgEntity = OpOutput<'org-list'>['items'][number];

/** Chosen once per device and remembered: which store and till this terminal is. */
export const TillSetup = ({
  current,
  onChoose,
  onCancel,
}: {
  current: TillContext | null;
  onChoose: (till: TillContext) => void;
  onCancel?: () => void;
}) => {
  const user = useAuth((s) => s.user);
  const [org, setOrg] = useState<OrgEntity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [storeId, setStoreId] = useState(current?.storeId ?? '');
  const [tillId, setTillId] = useState(current?.tillId ?? '');

  useEffect(() => {
    send('org-list', {})
      .then((r) => setOrg(r.items))
      .catch(setError);
  }, []);

  const stores = useMemo(
    () =>
      (org ?? []).filter(
        (e) => e.type === 'STORE' && (!user?.storeIds || user.storeIds.includes(e.id)),
      ),
    [org, user],
  );
  const tills = useMemo(
    () => (org ?? []).filter((e) => e.type === 'TILL' && e.parentId === storeId),
    [org, storeId],
  );

  useEffect(() => {
    if (!storeId && stores[0]) setStoreId(stores[0].id);
  }, [stores, storeId]);
  useEffect(() => {
    if (!tills.some((t) => t.id === tillId)) setTillId(tills[0]?.id ?? '');
  }, [tills, tillId]);

  // A till enrolled with a hub is one registered till: choose that one until the person picks.
  const [picked, setPicked] = useState(current !== null);
  const enrolledTill = useConnection((s) => (s.health?.host === 'till' ? s.health.tillId : null));
  const enrolledStore = (org ?? []).find(
    (e) => e.type === 'TILL' && e.id === enrolledTill,
  )?.parentId;
  useEffect(() => {
    if (picked || !enrolledTill || !enrolledStore) return;
    if (!stores.some((s) => s.id === enrolledStore)) return;
    setStoreId(enrolledStore);
    setTillId(enrolledTill);
  }, [picked, enrolledTill, enrolledStore, stores]);

  const store = stores.find((s) => s.id === storeId);
  const till = tills.find((t) => t.id === tillId);

  return (
    <section className="card till-setup" aria-labelledby="till-setup-title">
      <h2 id="till-setup-title">Which till is this?</h2>
      <p className="muted">Chosen once; this device remembers it.</p>
      <ErrorBanner error={error} />
      {org === null && !error ? <p>Loading stores…</p> : null}
      {org && stores.length === 0 ? (
        <p className="banner banner--warn">
          No stores are set up{user?.storeIds ? ' for your account' : ''}.
        </p>
      ) : null}
      {stores.length > 0 ? (
        <>
          <SelectField
            id="setup-store"
            label="Store"
            value={storeId}
            onChange={(v) => {
              setPicked(true);
              setStoreId(v);
            }}
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
          />
          <SelectField
            id="setup-till"
            label="Till"
            value={tillId}
            onChange={(v) => {
              setPicked(true);
              setTillId(v);
            }}
            options={tills.map((t) => ({ value: t.id, label: t.name }))}
            error={tills.length === 0 ? 'This store has no tills yet.' : undefined}
          />
          <div className="actions">
            <button
              type="button"
              className="button--primary"
              disabled={!store || !till}
              onClick={() =>
                store &&
                till &&
                onChoose({
                  storeId: store.id,
                  storeName: store.name,
                  tillId: till.id,
                  tillName: till.name,
                  currency: store.currency,
                })
              }
            >
              Use this till
            </button>
            {onCancel ? (
              <button type="button" onClick={onCancel}>
                Cancel
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
};
