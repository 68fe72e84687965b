import { Link } from 'react-router';
import { ApiClientError, errorMessage, isQueuedChange } from '../api/api-error';
import { fieldName, plainMessage } from './plain-language';

const titles: Partial<Record<ApiClientError['code'], string>> = {
  INVALID_INPUT: 'Please correct the highlighted fields',
  UNAUTHENTICATED: 'Please sign in',
  FORBIDDEN: 'Your role may not do this',
  NOT_FOUND: 'Not found',
  CONFLICT: 'This conflicts with the current state',
  IMMUTABLE_FIELD: 'This field cannot be changed',
  RULE_FAILED: 'Not allowed by the offer’s rules',
  UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Something went wrong on the server',
};

/** The visible label of the field a path names, when the screen has one (else its name). */
const fieldLabel = (path: string): string => {
  if (typeof document === 'undefined' || !path) return path ? fieldName(path) : 'The form';
  const parts = path.split('.');
  while (parts.length) {
    const el = document.getElementById(parts.join('.'));
    const label = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    if (label?.textContent) return label.textContent;
    parts.pop();
  }
  return fieldName(path);
};

/** Shows an error's own message, never a generic one: the person must be able to act on it. */
export const ErrorBanner = ({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) => {
  if (!error) return null;
  if (isQueuedChange(error)) return <PendingChangeNotice onDismiss={onDismiss} />;
  const title = error instanceof ApiClientError ? titles[error.code] : 'Something went wrong';
  const issues = error instanceof ApiClientError ? error.fieldIssues : [];
  return (
    <div className="banner banner--error" role="alert">
      <strong>{title}</strong>
      {/* The message repeats the field problems listed below; say each once, by its label. */}
      {issues.length > 0 &&
      error instanceof ApiClientError &&
      error.code === 'INVALID_INPUT' ? null : (
        <p>{plainMessage(errorMessage(error))}</p>
      )}
      {issues.length > 0 ? (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <strong>{fieldLabel(i.path)}</strong>: {plainMessage(i.message)}
            </li>
          ))}
        </ul>
      ) : null}
      <Dismiss onDismiss={onDismiss} />
    </div>
  );
};

/** Where an offline change was made, it shows as pending, with the way to follow it. */
const PendingChangeNotice = ({ onDismiss }: { onDismiss?: () => void }) => (
  <div className="banner banner--warn" role="status">
    <strong>Saved at this till — pending</strong>
    <p>
      The hub cannot be reached, so this change waits at the till and is sent when the hub answers
      again. The hub then confirms it or says why not.
    </p>
    <Link to="/offline-changes">See changes made offline</Link>
    <Dismiss onDismiss={onDismiss} />
  </div>
);

const Dismiss = ({ onDismiss }: { onDismiss?: () => void }) =>
  onDismiss ? (
    <button type="button" className="button--link" onClick={onDismiss}>
      Dismiss
    </button>
  ) : null;
