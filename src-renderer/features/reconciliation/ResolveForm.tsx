import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '../../ui/field-errors';
import { resolutionLabels } from './labels';
import { useReconciliation, type ReconItem, type Resolution } from './reconciliation-store';

/** One decision on one item: the action and the reason, both required. */
export const ResolveForm = ({ item }: { item: ReconItem }) => {
  const { resolve, resolving, resolveErrors } = useReconciliation();
  const [action, setAction] = useState<Resolution>('ACCEPT_WRITE_OFF');
  const [reason, setReason] = useState('');
  const error = resolveErrors[item.id] ?? null;
  const reasonError = errorAt(fieldErrorsFromError(error), 'reason');
  const id = `resolve-${item.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void resolve(item.id, action, reason.trim());
  };

  return (
    <form className="resolve-form" onSubmit={submit} aria-label={`Resolve ${item.code}`}>
      <fieldset>
        <legend>Decision</legend>
        {(Object.keys(resolutionLabels) as Resolution[]).map((r) => (
          <label key={r} className="resolve-form__option">
            <input
              type="radio"
              name={`${id}-action`}
              checked={action === r}
              onChange={() => setAction(r)}
            />{' '}
            {resolutionLabels[r].label} <span className="muted">— {resolutionLabels[r].hint}</span>
          </label>
        ))}
      </fieldset>
      <div className={`field${reasonError ? ' field--error' : ''}`}>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
        />
        {reasonError ? (
          <p className="field__error" id={`${id}-reason-error`} role="alert">
            {reasonError}
          </p>
        ) : null}
      </div>
      {error && !reasonError ? <ErrorBanner error={error} /> : null}
      <button type="submit" className="button--primary" disabled={resolving === item.id}>
        {resolving === item.id ? 'Saving…' : 'Resolve'}
      </button>
    </form>
  );
};
