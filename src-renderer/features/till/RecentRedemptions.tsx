import { useCallback, useEffect, useState } from 'react';
import { send } from '../../api/client';
import { recordActivity } from '../../db/local-db';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useTimeZones } from '../../lib/time-zones';
import { ZonedTime } from '../../lib/ZonedTime';
import type { Redemption } from '../../../src-shared/api/operations/redemptions';
import type { OpOutput } from '../../../src-shared/api/operations';
import { classificationLabels } from '../reconciliation/labels';

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
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
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

  const reverse = async (r: Redemption) => {
    setBusy(true);
    setError(null);
    try {
      await send('redemptions-reverse', { id: r.id, reason, clientId: crypto.randomUUID() });
      void recordActivity('reversed', `Reversed ${r.code} (${r.offerName})`);
      setConfirming(null);
      setReason('');
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent redemptions at this till</h2>
      <ErrorBanner error={error} />
      {items === null ? <p className="muted">Loading…</p> : null}
      {items?.length === 0 ? <p className="muted">None yet.</p> : null}
      {items && items.length > 0 ? (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Code</th>
              <th scope="col" className="num">
                Discount
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <ZonedTime iso={r.redeemedAt} zone={zones.zoneOf(r.storeId)} />
                </td>
                <td>
                  <code>{r.code}</code>
                  <div className="muted">{r.offerName}</div>
                </td>
                <td className="num">
                  {r.discount} {r.currency}
                </td>
                <td>
                  <SyncStateNote s={states.get(r.id)} />
                  {r.reversedAt ? (
                    <span className="status">
                      Reversed <ZonedTime iso={r.reversedAt} zone={zones.zoneOf(r.storeId)} />
                    </span>
                  ) : confirming === r.id ? (
                    <div className="reverse-confirm">
                      <label htmlFor={`reverse-reason-${r.id}`}>Reason</label>
                      <input
                        id={`reverse-reason-${r.id}`}
                        value={reason}
                        autoFocus
                        onChange={(e) => setReason(e.target.value)}
                      />
                      <button
                        type="button"
                        className="button--danger"
                        disabled={busy}
                        onClick={() => void reverse(r)}
                      >
                        Confirm reverse
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </div>
                  ) : (
                    <button type="button" onClick={() => setConfirming(r.id)}>
                      Reverse…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
