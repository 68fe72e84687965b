import { resolutionLabels } from './labels';
import { FieldError } from '#renderer/ui/Field';
import type { Resolution } from './reconciliation-store';

type Props = {
  id: string;
  action: Resolution | null;
  onAction: (a: Resolution) => void;
  reason: string;
  onReason: (r: string) => void;
  /** The hub never recorded it: only accepting and writing off is possible. */
  acceptOnly: boolean;
  actionError?: string | undefined;
  reasonError?: string | undefined;
};

/**
 * The decision and its reason. Nothing is chosen up front: a preselected "accept" would turn a
 * hurried Enter into a write-off nobody decided.
 */
export const DecisionFields = (p: Props) => (
  <>
    <fieldset
      aria-describedby={p.actionError ? `${p.id}-action-error` : undefined}
      aria-invalid={p.actionError ? true : undefined}
    >
      <legend>Decision</legend>
      {(Object.keys(resolutionLabels) as Resolution[]).map((r) => {
        const off = p.acceptOnly && r !== 'ACCEPT_WRITE_OFF';
        return (
          <label key={r} className={`resolve-form__option${off ? ' muted' : ''}`}>
            <input
              type="radio"
              name={`${p.id}-action`}
              value={r}
              checked={p.action === r}
              disabled={off}
              onChange={() => p.onAction(r)}
            />{' '}
            {resolutionLabels[r].label} <span className="muted">— {resolutionLabels[r].hint}</span>
          </label>
        );
      })}
      {p.acceptOnly ? (
        <p className="field__hint">
          The hub never recorded this redemption, so it can only be accepted and written off.
        </p>
      ) : null}
      <FieldError id={`${p.id}-action-error`} message={p.actionError} />
    </fieldset>
    <div className={`field${p.reasonError ? ' field--error' : ''}`}>
      <label htmlFor={`${p.id}-reason`}>Reason (kept in the audit trail)</label>
      <input
        id={`${p.id}-reason`}
        value={p.reason}
        onChange={(e) => p.onReason(e.target.value)}
        aria-invalid={p.reasonError ? true : undefined}
        aria-describedby={p.reasonError ? `${p.id}-reason-error` : undefined}
      />
      <FieldError id={`${p.id}-reason-error`} message={p.reasonError} />
    </div>
  </>
);

/** The reason check the hub makes (at least 3 characters), said before asking it. */
export const reasonProblem = (reason: string): string | undefined =>
  reason.trim().length < 3 ? 'Please say why, in a few words.' : undefined;
