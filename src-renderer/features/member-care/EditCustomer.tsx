import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { Customer } from '#shared/domain/customer';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { fieldErrorsFromError } from '#renderer/ui/field-errors';
import { CustomerFields } from './CustomerFields';
import { changesOf, draftOf } from './customer-form';

/** Changes a found customer; only what was changed is sent, and the change is audited. */
export const EditCustomer = ({
  customer,
  onSaved,
}: {
  customer: Customer;
  onSaved: (c: Customer) => void;
}) => {
  const zone = useTimeZones().orgZone;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(customer, zone));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const changes = changesOf(customer, draft, zone);
  const changed = Object.keys(changes).length > 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const after = await send('customers-update', { ref: customer.id, ...changes });
      setSaved(true);
      setOpen(false);
      setDraft(draftOf(after, zone));
      onSaved(after);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <p>
        {saved ? (
          <span className="banner banner--ok" role="status">
            Changes saved.
          </span>
        ) : null}{' '}
        <button
          type="button"
          onClick={() => {
            setDraft(draftOf(customer, zone));
            setSaved(false);
            setOpen(true);
          }}
        >
          Change details
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="mc-edit">
      <h3 id="mc-edit">Change details</h3>
      <CustomerFields
        idPrefix="mc-edit"
        draft={draft}
        onChange={setDraft}
        errors={fieldErrorsFromError(error)}
        zone={zone}
      />
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="submit" className="button--primary" disabled={busy || !changed}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
};
