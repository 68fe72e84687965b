import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';
import { DecisionFields, reasonProblem } from './DecisionFields';
import { useReconciliation, type Resolution } from './reconciliation-store';

const redemptions = (n: number) => `${formatCount(n)} redemption${n === 1 ? '' : 's'}`;

/** One decision and one reason for every ticked item: an outage's worth in one go. */
export const BulkResolveBar = () => {
  const { selected, items, bulkRunning, bulkOutcome, resolveSelected } = useReconciliation();
  const [action, setAction] = useState<Resolution | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const count = selected.size;
  const acceptOnly = items.some((i) => selected.has(i.id) && i.classification === 'refused');
  const actionError =
    tried && !action
      ? 'Choose what to do.'
      : action && acceptOnly && action !== 'ACCEPT_WRITE_OFF'
        ? 'Some selected redemptions were never recorded by the hub: they can only be accepted and written off. Untick them or accept.'
        : undefined;
  const reasonError = tried ? reasonProblem(reason) : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!action || reasonProblem(reason) || actionError) return;
    void resolveSelected(action, reason.trim()).then((o) => {
      if (o.failed.length === 0) {
        setAction(null);
        setReason('');
        setTried(false);
      }
    });
  };

  if (count === 0 && !bulkOutcome) return null;
  return (
    <section className="card bulk-resolve" aria-labelledby="bulk-resolve-title">
      <h2 id="bulk-resolve-title">
        {count > 0 ? `Resolve ${redemptions(count)} at once` : 'Resolved together'}
      </h2>
      {bulkOutcome ? (
        <div role="status" aria-live="polite">
          <p>
            {redemptions(bulkOutcome.resolved)} resolved
            {bulkOutcome.failed.length ? `; ${formatCount(bulkOutcome.failed.length)} not` : ''}.
          </p>
          {bulkOutcome.failed.map((f) => (
            <div key={f.code}>
              <strong>{f.code}</strong>
              <ErrorBanner error={f.error} />
            </div>
          ))}
        </div>
      ) : null}
      {count > 0 ? (
        <form onSubmit={submit} noValidate aria-label="Resolve the selected redemptions">
          <DecisionFields
            id="bulk"
            action={action}
            onAction={setAction}
            reason={reason}
            onReason={setReason}
            acceptOnly={false}
            actionError={actionError}
            reasonError={reasonError}
          />
          <button type="submit" className="button--primary" disabled={bulkRunning}>
            {bulkRunning ? 'Resolving…' : `Resolve ${redemptions(count)}`}
          </button>
        </form>
      ) : null}
    </section>
  );
};
