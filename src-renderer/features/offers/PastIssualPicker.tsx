import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { send } from '#renderer/api/client';
import { errorMessage } from '#renderer/api/api-error';
import { formatInstant } from '#renderer/lib/time-format';
import { FieldError } from '#renderer/ui/Field';
import type { OpOutput } from '#shared/api/operations';
import { pastOfferLabel, usePastOfferLabels } from './past-offer-labels';
import '../org-definitions/org-definitions.css';

type Found = OpOutput<'offers-past-issual-search'>;

/** Waits for typing to pause before searching, so each key press is not a request. */
const SEARCH_DELAY_MS = 250;

/**
 * "Restrict based on past issuals" (seed): the offers are found by name or offer code among
 * those active in the last 6 months, never typed as ids. The offer being edited is left out.
 */
export const PastIssualPicker = ({
  value,
  onChange,
  error,
  zone,
}: {
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  zone: string;
}) => {
  const { id: editingId } = useParams();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const { labels, known } = usePastOfferLabels(value);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      send('offers-past-issual-search', {
        ...(query.trim() ? { q: query.trim() } : {}),
        ...(editingId ? { excludeId: editingId } : {}),
        limit: 20,
      }).then(
        (r) => {
          if (!live) return;
          setFound(r);
          setSearchError(null);
          known(r.items);
        },
        (e: unknown) => live && setSearchError(errorMessage(e)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, editingId, known]);

  const chosen = new Set(value);
  return (
    <fieldset className={`past-issual-picker${error ? ' field--error' : ''}`}>
      <legend>Restrict based on past issuals</legend>
      <p className="field__hint">
        Customers who received a coupon of any offer chosen here in the last 6 months get none of
        this offer.
      </p>
      {value.length === 0 ? (
        <p className="muted">No offers chosen: past issuals restrict nobody.</p>
      ) : (
        <ul className="past-issual-picker__chosen" aria-label="Offers chosen">
          {value.map((id) => (
            <li key={id}>
              {pastOfferLabel(labels[id])}{' '}
              <button
                type="button"
                className="button--link"
                aria-label={`Remove ${pastOfferLabel(labels[id])}`}
                onClick={() => onChange(value.filter((v) => v !== id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="past-issual-search">
        Find an offer by name or offer code
        {found ? ` (active since ${formatInstant(found.since, zone, { style: 'date' })})` : ''}
      </label>
      <input
        id="past-issual-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="e.g. Diwali or DIWALI-25"
      />
      <FieldError message={searchError} />
      {found && found.items.length === 0 ? (
        <p className="muted">
          {query.trim()
            ? `No offer active in the last 6 months matches "${query.trim()}".`
            : 'No other offer was active in the last 6 months.'}
        </p>
      ) : null}
      {found && found.items.length > 0 ? (
        <ul className="past-issual-picker__found" aria-label="Offers found">
          {found.items.map((o) => (
            <li key={o.id}>
              <span>
                {o.name} <span className="muted">({o.offerCode})</span>
                <span className="muted">
                  {' · '}
                  {o.endsAt ? `ends ${formatInstant(o.endsAt, zone, { style: 'date' })}` : 'no end'}
                </span>
              </span>{' '}
              <button
                type="button"
                disabled={chosen.has(o.id)}
                aria-label={`${chosen.has(o.id) ? 'Chosen' : 'Choose'} ${o.name} (${o.offerCode})`}
                onClick={() => onChange([...value, o.id])}
              >
                {chosen.has(o.id) ? 'Chosen' : 'Choose'}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <FieldError id="issuance.restrictPastIssualsOfOfferIds-error" message={error} />
    </fieldset>
  );
};
