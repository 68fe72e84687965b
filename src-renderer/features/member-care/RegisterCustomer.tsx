import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { Customer } from '#shared/domain/customer';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { fieldErrorsFromError } from '#renderer/ui/field-errors';
import { CustomerFields } from './CustomerFields';
import { emptyDraft, registration } from './customer-form';

/** Registers a customer: identifiers, name, registration day and past transactions. */
export const RegisterCustomer = ({ onRegistered }: { onRegistered: (c: Customer) => void }) => {
  const zone = useTimeZones().orgZone;
  const [draft, setDraft] = useState(() => emptyDraft(zone));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const given = [draft.mobile, draft.email, draft.userId, draft.externalId].some((v) => v.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const c = await send('customers-create', registration(draft, zone));
      setDone(`Registered ${c.name || 'the customer'}.`);
      setDraft(emptyDraft(zone));
      onRegistered(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="mc-register">
      <h2 id="mc-register">Register a customer</h2>
      <CustomerFields
        idPrefix="mc-new"
        draft={draft}
        onChange={setDraft}
        errors={fieldErrorsFromError(error)}
        zone={zone}
      />
      <ErrorBanner error={error} />
      {done ? (
        <p className="banner banner--ok" role="status">
          {done}
        </p>
      ) : null}
      <button type="submit" className="button--primary" disabled={busy || !given}>
        {busy ? 'Registering…' : 'Register'}
      </button>
    </form>
  );
};
