import { useCallback, useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { Table, type Column } from '#renderer/ui/Table';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { commandLabel } from './command-labels';

type Item = OpOutput<'sync-commands-list'>['items'][number];

const statusLabels: Record<Item['status'], string> = {
  QUEUED: 'Waiting for the hub',
  CONFIRMED: 'Confirmed by the hub',
  REJECTED: 'Rejected by the hub',
};

const columns = (zone: string): Column<Item>[] => [
  { header: 'Made', cell: (c) => <ZonedTime iso={c.createdAt} zone={zone} /> },
  { header: 'Change', cell: (c) => commandLabel(c.op, c.result) },
  { header: 'By', cell: (c) => c.username },
  {
    header: 'Status',
    cell: (c) => (
      <>
        <strong>{statusLabels[c.status]}</strong>
        {c.decidedAt ? (
          <div className="muted">
            <ZonedTime iso={c.decidedAt} zone={zone} />
          </div>
        ) : null}
        {c.status === 'REJECTED' && c.error ? <div>{c.error.message}</div> : null}
      </>
    ),
  },
];

/** Back-office changes made at this till while the hub was away, and what the hub said. */
export const OfflineChangesPage = () => {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const zones = useTimeZones();
  const zone = zones.zoneOf(null);

  const load = useCallback(async () => {
    try {
      setItems((await send('sync-commands-list', { limit: 200 })).items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section className="page" aria-labelledby="offline-changes-title">
      <h1 id="offline-changes-title">Changes made offline</h1>
      <p className="muted">
        Back-office changes made at this till while the hub could not be reached. The hub applies
        them in order when it is back, checking again that their author may make them.
      </p>
      <ErrorBanner error={error} />
      {items === null && !error ? <p>Loading…</p> : null}
      {items ? (
        <Table
          label="Changes made offline"
          testId="offline-changes"
          columns={columns(zone)}
          rows={items}
          rowKey={(c) => c.id}
          empty="No changes have been made here while offline."
        />
      ) : null}
    </section>
  );
};
