import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiClientError, errorMessage } from '#renderer/api/api-error';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import {
  CustomerIdentifierField,
  customerRefOf,
  describeIdentifier,
  type CustomerIdentifier,
} from '#renderer/ui/CustomerIdentifierField';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { saveTextFile } from '../uploads/uploads-store';
import { audienceWords, customersCount } from './audience-words';

type Summary = OpOutput<'audience-get'>;

/**
 * "Issue to specific customers only": how many customers are on the offer's list, the list as
 * a file, and one customer added or taken off. Whole lists come as an upload.
 */
export const AudiencePanel = ({
  offerId,
  offerName,
  specificCustomersOnly,
}: {
  offerId: string;
  offerName: string;
  specificCustomersOnly: boolean;
}) => {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [who, setWho] = useState<CustomerIdentifier>({ kind: 'mobile', value: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const errs = fieldErrorsFromError(error);

  const load = useCallback(async () => {
    try {
      setSummary(await send('audience-get', { id: offerId }));
    } catch (e) {
      // A till following a hub keeps no lists: say where they are instead of an error.
      if (e instanceof ApiClientError && e.code === 'FORBIDDEN') setUnavailable(errorMessage(e));
      else setError(e);
    }
  }, [offerId]);

  useEffect(() => {
    void load();
  }, [load]);

  // An offer that issues to everyone and has no list has nothing to show here.
  if (!specificCustomersOnly && (summary?.count ?? 0) === 0 && !unavailable) return null;

  const change = async (action: 'audience-add' | 'audience-remove') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await send(action, { id: offerId, customer: customerRefOf(who) });
      setSummary(r);
      const name = describeIdentifier(who);
      setDone(
        action === 'audience-add'
          ? r.changed
            ? `Added ${name}; the list now has ${customersCount(r.count)}.`
            : `${name} was already on the list.`
          : r.changed
            ? `Took ${name} off the list; it now has ${customersCount(r.count)}. Coupons already issued to them stay.`
            : `${name} was not on the list.`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    try {
      const { csv } = await send('audience-export', { id: offerId });
      saveTextFile(`${offerName.replace(/[^\w-]+/g, '-')}-customer-list.csv`, csv);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card audience-panel" aria-labelledby="audience-title">
      <h2 id="audience-title">Customer list</h2>
      {unavailable ? <p className="muted">{unavailable}</p> : null}
      {summary ? (
        <p data-testid="audience-count" role="status">
          {audienceWords(summary)}
        </p>
      ) : null}
      {summary ? (
        <div className="actions">
          {summary.count > 0 ? (
            <button type="button" onClick={() => void download()}>
              Download the list
            </button>
          ) : null}
          <Link className="button" to={`/offers/${offerId}/uploads?kind=AUDIENCE`}>
            Upload a customer list
          </Link>
        </div>
      ) : null}
      {summary ? (
        <form
          className="issue-panel__row"
          aria-label="Add or take off one customer"
          onSubmit={(e) => {
            e.preventDefault();
            void change('audience-add');
          }}
        >
          <CustomerIdentifierField
            idPrefix="audience"
            value={who}
            onChange={setWho}
            error={errorAt(errs, 'customer')}
          />
          <button type="submit" className="button--primary" disabled={busy || !who.value.trim()}>
            Add to the list
          </button>
          <button
            type="button"
            disabled={busy || !who.value.trim()}
            onClick={() => void change('audience-remove')}
          >
            Take off the list
          </button>
        </form>
      ) : null}
      {done ? (
        <p className="banner banner--ok" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
    </section>
  );
};
