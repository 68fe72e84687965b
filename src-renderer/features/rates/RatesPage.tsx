import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { send } from '#renderer/api/client';
import type { CurrencyRate } from '#shared/domain/org';
import { formatInstant, fromZonedInput, toZonedInput } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError } from '#renderer/ui/field-errors';
import { TextField } from '#renderer/ui/Field';
import { Table } from '#renderer/ui/Table';
import { useAuth } from '../auth/auth-store';
import { mayCall } from '../auth/permissions';
import { rateKey, ratesInEffect, rateSentence, sortRates } from './rates-view';

/**
 * Exchange rates: a coupon's fixed value (and a percentage's cap) converts into the bill's
 * currency at the rate in effect when the bill is made. Admins and back office add rates here;
 * a rate for the same pair and start replaces the earlier one (a correction).
 */
export const RatesPage = () => {
  const role = useAuth((s) => s.user?.role);
  const canAdd = mayCall(role, 'currency-rates-put');
  const zones = useTimeZones();
  const zone = zones.orgZone;
  const [rates, setRates] = useState<CurrencyRate[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(zones.orgCurrency ?? '');
  const [rate, setRate] = useState('');
  const [effective, setEffective] = useState(() => toZonedInput(new Date().toISOString(), zone));
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrorsFromError(saveError);

  const load = useCallback(async () => {
    try {
      setRates((await send('currency-rates-list', {})).rates);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const effectiveFrom = fromZonedInput(effective, zone);
    if (!effectiveFrom) {
      setSaveError(new Error('Choose the date and time the rate takes effect.'));
      return;
    }
    const entry: CurrencyRate = {
      from: from.trim().toUpperCase(),
      to: to.trim().toUpperCase(),
      rate: rate.trim(),
      effectiveFrom,
    };
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      await send('currency-rates-put', { rates: [entry] });
      setSaved(`Added: ${rateSentence(entry)}, from ${formatInstant(entry.effectiveFrom, zone)}.`);
      setRate('');
      await load();
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  const inEffect = ratesInEffect(rates ?? [], new Date().toISOString());
  return (
    <section className="page rates" aria-labelledby="rates-title">
      <h1 id="rates-title">Exchange rates</h1>
      <p className="muted">
        A coupon&rsquo;s fixed value, and a percentage&rsquo;s maximum, are converted into the
        currency of the bill at the rate in effect when the bill is made. Times are shown in {zone}.
      </p>
      {canAdd ? (
        <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="rates-add">
          <h2 id="rates-add">Add a rate</h2>
          <div className="grid-2">
            <TextField
              id="rate-from"
              label="From currency"
              hint="3 letters, e.g. USD"
              value={from}
              onChange={setFrom}
              error={errorAt(errs, 'rates.0.from')}
              required
            />
            <TextField
              id="rate-to"
              label="To currency"
              hint="3 letters, e.g. INR"
              value={to}
              onChange={setTo}
              error={errorAt(errs, 'rates.0.to')}
              required
            />
            <TextField
              id="rate-value"
              label={`How many ${to.trim().toUpperCase() || '…'} for 1 ${from.trim().toUpperCase() || '…'}`}
              value={rate}
              inputMode="decimal"
              placeholder="e.g. 83.12"
              onChange={setRate}
              error={errorAt(errs, 'rates.0.rate')}
              required
            />
            <TextField
              id="rate-effective"
              label={`Takes effect (${zone})`}
              type="datetime-local"
              value={effective}
              onChange={setEffective}
              error={errorAt(errs, 'rates.0.effectiveFrom')}
              required
            />
          </div>
          <ErrorBanner error={saveError} />
          {saved ? (
            <p className="banner banner--ok" role="status">
              {saved}
            </p>
          ) : null}
          <button
            type="submit"
            className="button--primary"
            disabled={busy || !from.trim() || !to.trim() || !rate.trim() || !effective}
          >
            {busy ? 'Adding…' : 'Add rate'}
          </button>
        </form>
      ) : null}
      <ErrorBanner error={loadError} />
      <section className="card" aria-labelledby="rates-list">
        <h2 id="rates-list">Rates</h2>
        <Table
          label="Exchange rates"
          rows={rates === null ? [] : sortRates(rates)}
          rowKey={rateKey}
          empty={rates === null ? null : 'No exchange rates yet.'}
          columns={[
            { header: 'Rate', cell: (r) => rateSentence(r), rowHeader: true },
            { header: 'Takes effect', cell: (r) => formatInstant(r.effectiveFrom, zone) },
            {
              header: 'Status',
              cell: (r) =>
                inEffect.has(rateKey(r))
                  ? 'In use now'
                  : Date.parse(r.effectiveFrom) > Date.now()
                    ? 'Not yet in effect'
                    : 'Replaced by a later rate',
            },
          ]}
        />
      </section>
    </section>
  );
};
