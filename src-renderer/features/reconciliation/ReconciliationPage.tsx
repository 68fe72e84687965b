import { useEffect } from 'react';
import { useConnection } from '#renderer/app/connection-store';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';
import { BulkResolveBar } from './BulkResolveBar';
import { OverdueLeases } from './OverdueLeases';
import { ReconFilters } from './ReconFilters';
import { ReconItemCard } from './ReconItemCard';
import { reconPageSize, useReconciliation } from './reconciliation-store';
import './reconciliation.css';

/**
 * Redemptions made at tills while offline that the hub could not simply accept (the same code
 * twice, over a limit, revoked or expired, beyond the till's share), each waiting for a
 * decision: accept and write off, reverse, or revoke the coupon. The queue lives on the hub; a
 * till's own backend does not hold it, so on a till this screen says where to go instead.
 */
export const ReconciliationPage = () => {
  const health = useConnection((s) => s.health);
  // Wait for the first health check: it tells a till (no queue here) from the hub.
  const known = useConnection((s) => s.checkedAt !== null);
  const s = useReconciliation();
  const onTill = health?.host === 'till';
  const { load, filter } = s;

  useEffect(() => {
    if (known && !onTill) void load(filter, 0);
    // Reload only when the host becomes known, not on every filter object identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [known, onTill, load]);

  const pages = Math.max(1, Math.ceil(s.total / reconPageSize));
  const openIds = s.items.filter((i) => i.status === 'OPEN').map((i) => i.id);
  const allTicked = openIds.length > 0 && openIds.every((id) => s.selected.has(id));
  return (
    <section className="page reconciliation">
      <h1>Reconciliation</h1>
      {onTill ? (
        <div className="card" role="status" data-testid="reconciliation-on-till">
          <p>
            Offline redemptions are reconciled on the hub, which sees every till.{' '}
            {health.hubUrl ? (
              <>
                Open the back office at <a href={health.hubUrl}>{health.hubUrl}</a>.
              </>
            ) : (
              'This till is not connected to a hub.'
            )}
          </p>
        </div>
      ) : (
        <>
          <ReconFilters />
          <ErrorBanner error={s.error} />
          <div className="recon-toolbar">
            <p className="muted" role="status" aria-live="polite">
              {s.loading
                ? 'Loading…'
                : `${formatCount(s.total)} redemption${s.total === 1 ? '' : 's'}${s.filter.status === 'OPEN' ? ' waiting for a decision' : ''}`}
            </p>
            {openIds.length > 1 ? (
              <label className="recon-toolbar__all">
                <input
                  type="checkbox"
                  checked={allTicked}
                  onChange={(e) => s.selectOnly(e.target.checked ? openIds : [])}
                />{' '}
                Select all {formatCount(openIds.length)} open on this page
              </label>
            ) : null}
          </div>
          <BulkResolveBar />
          {s.items.map((item) => (
            <ReconItemCard key={item.id} item={item} />
          ))}
          {!s.loading && s.items.length === 0 && !s.error ? (
            <p className="card">Nothing to reconcile.</p>
          ) : null}
          <div className="actions pager">
            <button
              type="button"
              disabled={s.page === 0 || s.loading}
              onClick={() => void load(filter, s.page - 1)}
            >
              Previous
            </button>
            <span>
              Page {s.page + 1} of {pages}
            </span>
            <button
              type="button"
              disabled={s.page + 1 >= pages || s.loading}
              onClick={() => void load(filter, s.page + 1)}
            >
              Next
            </button>
          </div>
          <OverdueLeases />
        </>
      )}
    </section>
  );
};
