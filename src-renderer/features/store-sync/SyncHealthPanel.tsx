import { useEffect } from 'react';
import { syncHealthOp, useConnection } from '../../app/connection-store';
import { formatDateTime } from '../../ui/format';

const labelOf = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * Sync health for this store's tills. It shows whatever the sync-health operation answers
 * (online, pending uploads, offline allowance left…); until that operation exists there is no
 * hub to report on, and the panel says so.
 */
export const SyncHealthPanel = () => {
  const { status, health, checkedAt, check } = useConnection();
  const op = syncHealthOp();
  useEffect(() => {
    void check();
  }, [check]);

  return (
    <section className="card sync-health" aria-labelledby="sync-health-title">
      <h2 id="sync-health-title">Sync health</h2>
      {!op ? (
        <p className="banner banner--warn" role="status" data-testid="sync-health-none">
          Not connected to a hub. This till works on its own; sync health will show here once hub
          sync is set up.
        </p>
      ) : (
        <>
          <p role="status">
            <span className={`badge badge--${status}`}>
              <span className="badge__dot" aria-hidden="true" />
              {status === 'online'
                ? 'Hub reachable'
                : status === 'offline'
                  ? 'Hub unreachable'
                  : 'Checking…'}
            </span>{' '}
            <span className="muted">checked {formatDateTime(checkedAt)}</span>
          </p>
          {health ? (
            <dl className="facts">
              {Object.entries(health).map(([k, v]) => (
                <div key={k} className="facts__row">
                  <dt>{labelOf(k)}</dt>
                  <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      )}
      <button type="button" onClick={() => void check()}>
        Check now
      </button>
    </section>
  );
};
