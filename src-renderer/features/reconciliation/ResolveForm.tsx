import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { DecisionFields, reasonProblem } from './DecisionFields';
import { useReconciliation, type ReconItem, type Resolution } from './reconciliation-store';

/** One decision on one item: the action and the reason, both required. */
export const ResolveForm = ({ item }: { item: ReconItem }) => {
  const { resolve, resolving, resolveErrors } = useReconciliation();
  const [action, setAction] = useState<Resolution | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const error = resolveErrors[item.id] ?? null;
  const id = `resolve-${item.id}`;
  const actionError = tried && !action ? 'Choose what to do.' : undefined;
  const reasonError =
    (tried ? reasonProblem(reason) : undefined) ?? errorAt(fieldErrorsFromError(error), 'reason');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!action || reasonProblem(reason)) return;
    void resolve(item.id, action, reason.trim());
  };

  return (
    <form className="resolve-form" onSubmit={submit} aria-label={`Resolve ${item.code}`} noValidate>
      <DecisionFields
        id={id}
        action={action}
        onAction={setAction}
        reason={reason}
        onReason={setReason}
        acceptOnly={item.classification === 'refused'}
        actionError={actionError}
        reasonError={reasonError}
      />
      {error && !reasonError ? <ErrorBanner error={error} /> : null}
      <button type="submit" className="button--primary" disabled={resolving === item.id}>
        {resolving === item.id ? 'Saving…' : 'Resolve'}
      </button>
    </form>
  );
};
