import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ConsumerType } from '#shared/domain/offer';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { TextField } from '#renderer/ui/Field';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatInstant } from '#renderer/lib/time-format';
import { claimRule, consumerRules } from './claim-rules';
import { useClaims } from './claims-store';
import { HeldOffers } from './HeldOffers';
import { ReleaseClaim } from './ReleaseClaim';

/** Claim an offer for one consuming service; the rules are shown before the choice is made. */
export const ClaimPage = () => {
  const { id = '' } = useParams();
  const { offer, busy, error, claimed, released, held, load, claim, loadHeld } = useClaims();
  const [type, setType] = useState<ConsumerType>('DVS');
  const [consumerId, setConsumerId] = useState('');
  const [consumerName, setConsumerName] = useState('');
  const errs = fieldErrorsFromError(error);
  const orgZone = useTimeZones().orgZone;

  useEffect(() => {
    void load(id);
  }, [id, load]);

  // What the service holding this offer holds, or else the one being typed in.
  const holder = offer?.claim ?? null;
  const askType = holder?.consumerType ?? type;
  const askId = holder?.consumerId ?? consumerId.trim();
  useEffect(() => {
    if (!askId) return;
    const t = setTimeout(() => void loadHeld({ consumerType: askType, consumerId: askId }), 300);
    return () => clearTimeout(t);
  }, [askType, askId, loadHeld]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void claim({
      id,
      consumerType: type,
      consumerId: consumerId.trim(),
      consumerName: consumerName.trim(),
    });
  };

  const existing = offer?.claim ?? null;
  return (
    <section className="page claim">
      <div className="page__header">
        <h1>Claim offer{offer ? ` · ${offer.name}` : ''}</h1>
        <Link to={`/offers/${id}`}>Back to the offer</Link>
        <Link to="/claims">Offers a service holds</Link>
      </div>
      <p className="banner banner--info">{claimRule}</p>
      {claimed ? (
        <p className="banner banner--ok" role="status">
          Claimed for {consumerRules[claimed.consumerType].label} “{claimed.consumerName}”.
        </p>
      ) : null}
      {existing && !claimed ? (
        <p className="banner banner--warn" role="status">
          Already claimed by {consumerRules[existing.consumerType].label} “{existing.consumerName}”
          ({existing.consumerId}) on {formatInstant(existing.claimedAt, orgZone)}. It is not
          available to other services.
        </p>
      ) : null}
      {released ? (
        <p className="banner banner--ok" role="status">
          Released from {consumerRules[released.consumerType].label} “{released.consumerName}”. Any
          service may claim it now.
        </p>
      ) : null}
      <ErrorBanner error={error} />
      {existing ? <ReleaseClaim offerId={id} claim={existing} /> : null}
      <form className="card" onSubmit={submit}>
        <fieldset>
          <legend>Consuming service</legend>
          {(Object.keys(consumerRules) as ConsumerType[]).map((t) => (
            <div key={t} className="field field--check">
              <input
                type="radio"
                id={`claim-${t}`}
                name="claim-type"
                checked={type === t}
                onChange={() => setType(t)}
                aria-describedby={`claim-${t}-rule`}
              />
              <label htmlFor={`claim-${t}`}>{consumerRules[t].label}</label>
              <p className="field__hint" id={`claim-${t}-rule`}>
                {consumerRules[t].rule}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="grid-2">
          <TextField
            id="claim-consumer-id"
            label={consumerRules[type].idLabel}
            value={consumerId}
            onChange={setConsumerId}
            error={errorAt(errs, 'consumerId')}
            required
          />
          <TextField
            id="claim-consumer-name"
            label="Name"
            value={consumerName}
            onChange={setConsumerName}
            error={errorAt(errs, 'consumerName')}
            required
          />
        </div>
        <button
          type="submit"
          className="button--primary"
          disabled={busy || !consumerId.trim() || !consumerName.trim()}
        >
          {busy ? 'Claiming…' : 'Claim'}
        </button>
      </form>
      {askId ? (
        <HeldOffers
          title={`Offers held by ${consumerRules[askType].label} ${askId}`}
          items={held}
        />
      ) : null}
    </section>
  );
};
