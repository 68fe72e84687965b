import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { SelectField, FieldError } from '#renderer/ui/Field';
import { UploadProgress } from './UploadProgress';
import { UploadsTable } from './UploadsTable';
import { useUploads, type UploadKind } from './uploads-store';
import './uploads.css';

const kinds: { value: UploadKind; label: string; columns: string }[] = [
  {
    value: 'CUSTOMERS',
    label: 'Customers',
    columns: 'one identifier column: userId, email, mobile or externalId',
  },
  { value: 'CODES', label: 'Coupon codes', columns: 'a code column' },
  {
    value: 'CODES_WITH_CUSTOMERS',
    label: 'Coupon codes with customers',
    columns: 'a code column and one identifier column (a customer may have several codes)',
  },
  {
    value: 'AUDIENCE',
    label: 'Customer list (who may be issued coupons)',
    columns:
      'one identifier column: userId, email, mobile or externalId. The customers join the offer’s customer list; no coupon is issued',
  },
];

const isKind = (v: string | null): v is UploadKind => kinds.some((k) => k.value === v);

/** Issue coupons in bulk from a CSV; good rows go in, each bad row is reported with its reason. */
export const UploadsPage = () => {
  const { id = '' } = useParams();
  const { items, current, busy, error, load, start, downloadIssues, clearError } = useUploads();
  // The offer page's "Upload a customer list" opens this page with ?kind=AUDIENCE.
  const asked = useSearchParams()[0].get('kind');
  const [kind, setKind] = useState<UploadKind>(isKind(asked) ? asked : 'CUSTOMERS');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    void load(id);
  }, [id, load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file first.');
      return;
    }
    setFileError(null);
    const csv = await file.text();
    if (!csv.trim()) {
      setFileError(`${file.name} is empty.`);
      return;
    }
    await start(id, kind, file.name, csv);
  };

  const kindInfo = kinds.find((k) => k.value === kind);
  return (
    <section className="page uploads">
      <div className="page__header">
        <h1>Upload customers / coupons</h1>
        <Link to={`/offers/${id}`}>Back to the offer</Link>
      </div>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <div className="grid-2">
          <div className={`field${fileError ? ' field--error' : ''}`}>
            <label htmlFor="upload-file">CSV file</label>
            <input
              id="upload-file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={fileError ? 'upload-file-error' : 'upload-file-hint'}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <p className="field__hint" id="upload-file-hint">
              First row is the header. Expected: {kindInfo?.columns}.
            </p>
            <FieldError id="upload-file-error" message={fileError} />
          </div>
          <SelectField
            id="upload-kind"
            label="What the file contains"
            value={kind}
            onChange={setKind}
            options={kinds.map(({ value, label }) => ({ value, label }))}
          />
        </div>
        <button type="submit" className="button--primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Proceed to upload'}
        </button>
      </form>
      <ErrorBanner error={error} onDismiss={clearError} />
      {current ? (
        <UploadProgress upload={current} onDownload={() => void downloadIssues(current)} />
      ) : null}
      <UploadsTable items={items} onDownload={(u) => void downloadIssues(u)} />
    </section>
  );
};
