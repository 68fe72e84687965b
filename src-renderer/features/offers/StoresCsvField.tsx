import { useState, type ChangeEvent } from 'react';
import { send } from '#renderer/api/client';
import type { OpOutput } from '#shared/api/operations';
import type { OrgEntityRef } from '#shared/domain/primitives';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { formatCount } from '#renderer/ui/format';

type Issue = OpOutput<'redemption-stores-check'>['issues'][number];

const places = (n: number): string => `${formatCount(n)} ${n === 1 ? 'place' : 'places'}`;

/**
 * Stores allowing redemption from a CSV of till, store, zone or concept ids (seed: "Upload
 * CSV file"). A file whose every row names a place replaces the selection; otherwise nothing
 * changes and each unusable row is listed with its reason.
 */
export const StoresCsvField = ({
  id,
  onLoaded,
}: {
  id: string;
  onLoaded: (stores: OrgEntityRef[]) => void;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<{ file: string; rows: Issue[] } | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);

  const read = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setIssues(null);
    setLoaded(null);
    try {
      const list = await send('redemption-stores-check', { csv: await file.text() });
      if (list.issues.length > 0) {
        setIssues({ file: file.name, rows: list.issues });
      } else {
        onLoaded(list.stores);
        setLoaded(`${places(list.stores.length)} from ${file.name} selected.`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      // The same file may be chosen again after it is corrected.
      input.value = '';
    }
  };

  return (
    <div className={`field${issues ? ' field--error' : ''}`}>
      <label htmlFor={id}>Or upload a CSV file of places</label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        aria-describedby={`${id}-hint`}
        onChange={(e) => void read(e)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        First row is the header: <code>type,id</code> (type is till, store, zone or concept), or a
        single column named tillId, storeId, zoneId or conceptId. A row may give a place’s exact
        name instead of its id. The file replaces the selection above.
      </p>
      {loaded ? (
        <p className="muted" role="status">
          {loaded}
        </p>
      ) : null}
      {issues ? (
        <div className="field__error" role="alert">
          <p>
            Nothing was selected:{' '}
            {issues.rows.length === 1 ? 'one row' : `${formatCount(issues.rows.length)} rows`} of{' '}
            {issues.file} name no place. Correct {issues.rows.length === 1 ? 'it' : 'them'} and
            choose the file again.
          </p>
          <ul>
            {issues.rows.slice(0, 20).map((i) => (
              <li key={`${i.row}:${i.code}`}>
                Row {i.row}: {i.message}
              </li>
            ))}
          </ul>
          {issues.rows.length > 20 ? (
            <p>…and {formatCount(issues.rows.length - 20)} more rows.</p>
          ) : null}
        </div>
      ) : null}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
    </div>
  );
};
