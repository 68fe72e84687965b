import { useCallback, useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import { formatMoney } from '#renderer/lib/money-format';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { Table } from '#renderer/ui/Table';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import type { Redemption } from '#shared/api/operations/redemptions';
import type { OpOutput } from '#shared/api/operations';
import { classificationLabels } from '../reconciliation/labels';
import { ReverseDialog } from './ReverseDialog';

type SyncState = OpOutput<'till-redemption-states'>['items'][number];

const stateLabels: Record<SyncState['state'], string> = {
  pending: 'Waiting to be sent',
  sent: 'Sent; the hub is checking it',
  confirmed: 'Confirmed',
  flagged: 'Flagged by the hub',
};

/** Where a redemption stands with the hub, in words (null: a backend without the answer). */
const SyncStateNote = ({ s }: { s: SyncState | undefined }) => {
  if (!s) return null;
  const why =
    s.state === 'flagged'
      ? (s.message ?? (s.verdict ? (classificationLabels[s.verdict] ?? null) : null))
      : null;
  return (
    <div className={`sync-state sync-state--${s.state}`} data-testid="sync-state">
      {stateLabels[s.state]}
      {why ? `: ${why}` : ''}
    </div>
  );
};

/** This till's latest redemptions, each reversible (a reversal is a new fact, nothing deleted). */
export const RecentRedemptions = ({
  tillId,
  refreshKey,
}: {
  tillId: string;
  refreshKey: unknown;
}) => {
  const [items, setItems] = useState<Redemption[] | null>(null);
  const [states, setStates] = useState<Map<string, SyncState>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Redemption | null>(null);
  const zones = useTimeZones();

  const load = useCallback(async () => {
    try {
      const [r, st] = await Promise.all([
        send('redemptions-list', { tillId, limit: 10 }),
        send('till-redemption-states', { tillId, limit: 10 }).catch(() => ({ items: [] })),
      ]);
      setItems(r.items);
      setStates(new Map(st.items.map((i) => [i.id, i])));
    } catch (e) {
      setError(e);
    }
  }, [tillId]);

  useEffect(() => {
    void load();
    // Pending → sent → confirmed happens in the background: keep the rows current.
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load, refreshKey]);

  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent redemptions at this till</h2>
      <ErrorBanner error={error} />
      {items === null ? <p className="muted">Loading…</p> : null}
      {items ? (
        <Table
          label="Recent redemptions at this till"
          compact
          columns={[
            {
              header: 'When',
              cell: (r) => <ZonedTime iso={r.redeemedAt} zone={zones.zoneOf(r.storeId)} />,
            },
            {
              header: 'Code',
              cell: (r) => (
                <>
                  <code>{r.code}</code>
                  <div className="muted">{r.offerName}</div>
                </>
              ),
            },
            {
              header: 'Discount',
              numeric: true,
              cell: (r) => formatMoney(r.discount, r.currency),
            },
            {
              header: 'Status',
              cell: (r) => (
                <>
                  <SyncStateNote s={states.get(r.id)} />
                  {r.reversedAt ? (
                    <span className="status">
                      Reversed <ZonedTime iso={r.reversedAt} zone={zones.zoneOf(r.storeId)} />
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(r)}>
                      Reverse…
                    </button>
                  )}
                </>
              ),
            },
          ]}
          rows={items}
          rowKey={(r) => r.id}
          empty="None yet."
        />
      ) : null}
      {confirming ? (
        <ReverseDialog
          redemption={confirming}
          onCancel={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
};
