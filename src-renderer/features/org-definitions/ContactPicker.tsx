import { useEffect } from 'react';
import { FieldError } from '#renderer/ui/Field';
import { contactLabel, useOrgDefinitions } from './org-definitions-store';
import './org-definitions.css';

/**
 * Picks the org's points of contact for an offer's alert or reminder (seed: "you will see the
 * list of POCs configured; choose each POC that you want to notify"). Addresses given earlier
 * outside the list are shown and can be dropped.
 */
export const ContactPicker = ({
  id,
  legend,
  value,
  onChange,
  extraEmails,
  onExtraEmailsChange,
  error,
  disabled,
}: {
  id: string;
  legend: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  extraEmails: readonly string[];
  onExtraEmailsChange: (emails: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) => {
  const { contacts, ensure } = useOrgDefinitions();
  useEffect(() => {
    void ensure();
  }, [ensure]);
  const gone = value.filter((v) => !contacts?.some((c) => c.id === v));
  const toggle = (contactId: string, on: boolean) =>
    onChange(on ? [...value, contactId] : value.filter((v) => v !== contactId));
  return (
    <fieldset
      className={`contact-picker${error ? ' field--error' : ''}`}
      disabled={disabled}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {contacts === null ? <p className="muted">Loading the org’s points of contact…</p> : null}
      {contacts?.length === 0 ? (
        <p className="muted">
          The org has no points of contact yet; an admin adds them under Org definitions.
        </p>
      ) : null}
      {contacts?.map((c) => (
        <label key={c.id} className="contact-picker__option">
          <input
            type="checkbox"
            checked={value.includes(c.id)}
            onChange={(e) => toggle(c.id, e.target.checked)}
          />{' '}
          {c.name} <span className="muted">{c.email}</span>
        </label>
      ))}
      {contacts !== null && gone.length > 0 ? (
        <p className="field__hint">
          Also picked: {gone.map((g) => contactLabel(contacts, g)).join(', ')}.{' '}
          <button
            type="button"
            className="button--link"
            onClick={() => onChange(value.filter((v) => !gone.includes(v)))}
          >
            Remove
          </button>
        </p>
      ) : null}
      {extraEmails.length > 0 ? (
        <p className="field__hint">
          Also sent to {extraEmails.join(', ')} (addresses outside the org’s list).{' '}
          <button type="button" className="button--link" onClick={() => onExtraEmailsChange([])}>
            Stop sending to these
          </button>
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
};
