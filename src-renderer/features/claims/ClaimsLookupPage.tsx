import { useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import type { ConsumerType } from '#shared/domain/offer';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { SelectField, TextField } from '#renderer/ui/Field';
import { consumerRules } from './claim-rules';
import { HeldOffers } from './HeldOffers';

type Held = OpOutput<'claims-list'>['items'];

const typeOptions = (Object.keys(consumerRules) as ConsumerType[]).map((t) => ({
  value: t,
  label: consumerRules[t].label,
}));

/** Which offers a consuming service (a campaign or loyalty program) holds. */
export const ClaimsLookupPage = () => {
  const [type, setType] = useState<ConsumerType>('DVS');
  const [consumerId, setConsumerId] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [held, setHeld] = useState<Held | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const id = consumerId.trim();
      setHeld((await send('claims-list', { consumerType: type, consumerId: id })).items);
      setAsked(`Offers held by ${consumerRules[type].label} ${id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page claims-lookup" aria-labelledby="claims-lookup-title">
      <h1 id="claims-lookup-title">Offers a service holds</h1>
      <form className="card" role="search" onSubmit={(e) => void submit(e)}>
        <div className="grid-2">
          <SelectField
            id="claims-lookup-type"
            label="Consuming service"
            value={type}
            options={typeOptions}
            onChange={setType}
          />
          <TextField
            id="claims-lookup-id"
            label={consumerRules[type].idLabel}
            value={consumerId}
            onChange={setConsumerId}
            required
          />
        </div>
        <button type="submit" className="button--primary" disabled={busy || !consumerId.trim()}>
          {busy ? 'Looking up…' : 'Show offers'}
        </button>
      </form>
      <ErrorBanner error={error} />
      {asked ? <HeldOffers title={asked} items={held} /> : null}
    </section>
  );
};
