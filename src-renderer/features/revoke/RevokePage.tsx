import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import type { OpOutput } from '#shared/api/operations';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { CheckboxField, FieldError } from '#renderer/ui/Field';
import { formatCount } from '#renderer/ui/format';
import { countOf } from '#renderer/ui/plain-language';
import { RevokePreviewNote, useRevokePreview } from './RevokePreview';
import { RevokeResult } from './RevokeResult';
import { useRevoke, type RevokeMode } from './revoke-store';

const modes: { value: RevokeMode; label: string; hint: string }[] = [
  {
    value: 'ALL_UNREDEEMED',
    label: 'All unredeemed coupons (issued and unissued)',
    hint: 'Every coupon of the offer that has not been redeemed. An offer that generates its codes is also closed to further issuance.',
  },
  {
    value: 'UNISSUED',
    label: 'Only unissued coupons',
    hint: 'Codes not yet given to anyone. An offer that generates its codes is closed to further issuance.',
  },
  {
    value: 'CUSTOMERS',
    label: 'For specific customers',
    hint: 'All active coupons of the customers in a CSV (one identifier column: userId, email, mobile or externalId).',
  },
];

/** Revoke coupons of one offer; redeemed coupons are never revoked. */
export const RevokePage = () => {
  const { id = '' } = useParams();
  const { result, busy, error, revoke, reset } = useRevoke();
  const [offer, setOffer] = useState<OpOutput<'offers-get'>['offer'] | null>(null);
  const [mode, setMode] = useState<RevokeMode>('ALL_UNREDEEMED');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const { preview, error: previewError } = useRevokePreview(id, mode, csv, generation);

  useEffect(() => {
    reset();
    send('offers-get', { id })
      .then((d) => setOffer(d.offer))
      .catch(setLoadError);
  }, [id, reset]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let customersCsv: string | undefined;
    if (mode === 'CUSTOMERS') {
      if (!file) {
        setFileError('Choose the CSV of customers whose coupons to revoke.');
        return;
      }
      customersCsv = await file.text();
      if (!customersCsv.trim()) {
        setFileError(`${file.name} is empty.`);
        return;
      }
    }
    setFileError(null);
    const r = await revoke({ id, mode, ...(customersCsv ? { customersCsv } : {}) });
    if (r) {
      void recordActivity(
        'revoke',
        `Revoked ${countOf(r.revoked, 'coupon')} of ${offer?.name ?? 'the offer'}`,
        `/offers/${id}`,
      );
      setUnderstood(false);
      setGeneration((g) => g + 1);
    }
  };

  return (
    <section className="page revoke">
      <div className="page__header">
        <h1>Revoke coupons{offer ? ` · ${offer.name}` : ''}</h1>
        <Link to={`/offers/${id}`}>Back to the offer</Link>
      </div>
      <ErrorBanner error={loadError} />
      <form className="card" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Which coupons?</legend>
          {modes.map((m) => (
            <div key={m.value} className="field field--check">
              <input
                type="radio"
                id={`revoke-${m.value}`}
                name="revoke-mode"
                checked={mode === m.value}
                onChange={() => setMode(m.value)}
                aria-describedby={`revoke-${m.value}-hint`}
              />
              <label htmlFor={`revoke-${m.value}`}>{m.label}</label>
              <p className="field__hint" id={`revoke-${m.value}-hint`}>
                {m.hint}
              </p>
            </div>
          ))}
        </fieldset>
        {mode === 'CUSTOMERS' ? (
          <div className={`field${fileError ? ' field--error' : ''}`}>
            <label htmlFor="revoke-file">Customers CSV</label>
            <input
              id="revoke-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                setCsv(null);
                void f?.text().then(setCsv);
              }}
              aria-describedby={fileError ? 'revoke-file-error' : undefined}
            />
            <FieldError id="revoke-file-error" message={fileError} />
          </div>
        ) : null}
        <RevokePreviewNote
          preview={preview}
          error={previewError}
          waiting={
            mode === 'CUSTOMERS' && !csv ? 'Choose the CSV to see how many coupons it names.' : null
          }
        />
        <CheckboxField
          id="revoke-understood"
          label="I understand that revoking coupons will make them unredeemable"
          checked={understood}
          onChange={setUnderstood}
          hint="Revoked coupons cannot be redeemed or reversed. Redeemed coupons are not affected."
        />
        <button type="submit" className="button--danger" disabled={!understood || busy}>
          {busy
            ? 'Revoking…'
            : preview
              ? `Revoke ${countOf(preview.coupons, 'coupon', 'coupons', formatCount)}`
              : 'Revoke'}
        </button>
      </form>
      <ErrorBanner error={error} />
      {result ? <RevokeResult result={result} /> : null}
    </section>
  );
};
