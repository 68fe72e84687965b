import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '#shared/api/operations';
import { send } from '#renderer/api/client';
import { orgName, useOrg } from '#renderer/app/org-store';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';
import { Table, type Column } from '#renderer/ui/Table';
import { WriteOffDialog } from './WriteOffDialog';

export type Lease = OpOutput<'sync-leases-list'>['items'][number];

/**
 * Offline allowance lent to tills that expired without the till reporting what it spent. The
 * units stay held, so an offer's cap is never passed, until the till reports or a person here
 * writes the lease off because the till never will (lost, broken, re-enrolled).
 */
export const OverdueLeases = () => {
  const [items, setItems] = useState<Lease[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [writingOff, setWritingOff] = useState<Lease | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const orgItems = useOrg((o) => o.items);
  const ensureOrg = useOrg((o) => o.ensure);
  const zones = useTimeZones();

  const load = useCallback(async () => {
    try {
      setItems((await send('sync-leases-list', { overdue: true, limit: 100 })).items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void ensureOrg();
    void load();
  }, [load, ensureOrg]);

  const columns: Column<Lease>[] = [
    { header: 'Offer', cell: (l) => l.offerName, rowHeader: true },
    {
      header: 'Till',
      cell: (l) =>
        `${orgName(orgItems, l.tillId)}${l.storeId ? `, ${orgName(orgItems, l.storeId)}` : ''}`,
    },
    { header: 'Lent', cell: (l) => formatCount(l.granted), numeric: true },
    { header: 'Reported spent', cell: (l) => formatCount(l.used), numeric: true },
    { header: 'Held back', cell: (l) => formatCount(l.unspent), numeric: true },
    {
      header: 'Expired',
      cell: (l) => <ZonedTime iso={l.expiresAt} zone={zones.zoneOf(l.storeId)} />,
    },
    {
      header: 'Action',
      hideHeader: true,
      cell: (l) => (
        <button type="button" onClick={() => setWritingOff(l)}>
          Write off…
        </button>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby="overdue-leases-title">
      <h2 id="overdue-leases-title">Offline allowance not reported</h2>
      <p className="muted">
        Units lent to a till for selling offline stay held after the lease expires until the till
        reports what it spent, so no offer sells past its limit. Write a lease off only when its
        till will not report again.
      </p>
      <ErrorBanner error={error} />
      {done ? (
        <p className="banner banner--ok" role="status">
          {done}
        </p>
      ) : null}
      <Table
        label="Expired offline allowance not yet reported"
        columns={columns}
        rows={items ?? []}
        rowKey={(l) => l.id}
        empty={items === null ? null : 'Every till has reported its offline allowance.'}
        testId="overdue-leases"
      />
      {writingOff ? (
        <WriteOffDialog
          lease={writingOff}
          tillName={orgName(orgItems, writingOff.tillId)}
          onCancel={() => setWritingOff(null)}
          onDone={(freed) => {
            setDone(
              `${formatCount(freed)} unit${freed === 1 ? '' : 's'} of ${writingOff.offerName} given back to the offer.`,
            );
            setWritingOff(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
};
