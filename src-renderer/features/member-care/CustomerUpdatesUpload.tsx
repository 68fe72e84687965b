import { useCallback, useEffect, useState } from 'react';
import { send } from '#renderer/api/client';
import type { Upload } from '#shared/api/operations/uploads';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { finished, progressOf, saveTextFile } from '../uploads/uploads-store';
import { UploadsTable } from '../uploads/UploadsTable';

const pollMs = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Changes many customers from a CSV: the first identifier column finds each customer, the
 * other columns (registeredAt, transactionCount, name, other identifiers) say what changes.
 */
export const CustomerUpdatesUpload = () => {
  const [items, setItems] = useState<Upload[]>([]);
  const [current, setCurrent] = useState<Upload | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await send('customers-uploads-list', {})).items);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      let u = await send('customers-uploads-create', {
        csv: await file.text(),
        fileName: file.name,
      });
      setCurrent(u);
      while (!finished(u)) {
        await sleep(pollMs);
        u = await send('uploads-get', { id: u.id });
        setCurrent(u);
      }
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const download = async (u: Upload) => {
    try {
      const { csv } = await send('uploads-issues', { id: u.id });
      saveTextFile(`${u.fileName.replace(/\.csv$/i, '')}-issues.csv`, csv);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card" aria-labelledby="mc-updates">
      <h2 id="mc-updates">Change many customers from a file</h2>
      <p>
        A CSV file whose first column identifies each customer (userId, email, mobile or externalId)
        and whose other columns say what to change: <code>registeredAt</code> (a day such as
        2024-11-12), <code>transactionCount</code>, <code>name</code>, or another identifier. An
        empty cell changes nothing. For example:
      </p>
      <pre className="muted">{'userId,registeredAt,transactionCount\n1001,2024-11-12,3'}</pre>
      <label htmlFor="mc-updates-file">CSV file</label>
      <input
        id="mc-updates-file"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void upload(file);
        }}
      />
      {current && !finished(current) ? (
        <p role="status">
          Working through {current.fileName}: {progressOf(current)}%
        </p>
      ) : null}
      {current && finished(current) ? (
        <p
          className={`banner ${current.status === 'DONE' ? 'banner--ok' : 'banner--error'}`}
          role="status"
        >
          {current.fileName}: {current.message}
        </p>
      ) : null}
      <ErrorBanner error={error} />
      {items.length > 0 ? (
        <UploadsTable items={items} onDownload={(u) => void download(u)} />
      ) : null}
    </section>
  );
};
