import { useEffect, useState } from 'react';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { fieldErrorsFromError } from '#renderer/ui/field-errors';
import { useAction } from '../setup/use-action';

/**
 * An org-level list edited as rows and saved whole: rows start from the stored list once it
 * has loaded, each edit clears "Saved", and a save's field errors are kept for the rows.
 */
export function useListEditor<Stored, Row extends { rowId: string }>(
  stored: readonly Stored[] | null,
  toRow: (item: Stored) => Row,
) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored !== null && rows === null) setRows(stored.map(toRow));
  }, [stored, rows, toRow]);
  const change = (next: Row[]) => {
    setSaved(false);
    setRows(next);
  };
  return {
    rows,
    busy,
    error,
    saved,
    errors: fieldErrorsFromError(error),
    put: (i: number, patch: Partial<Row>) =>
      change((rows ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r))),
    remove: (i: number) => change((rows ?? []).filter((_, j) => j !== i)),
    add: (row: Row) => change([...(rows ?? []), row]),
    /** Saves, then shows the list as stored (new rows now carry their keys or ids). */
    save: (work: () => Promise<readonly Stored[]>) =>
      run(async () => {
        setRows((await work()).map(toRow));
        setSaved(true);
      }),
  };
}

/** "+ Add …" and "Save …", then the outcome. */
export const ListEditorActions = ({
  addLabel,
  onAdd,
  saveLabel,
  onSave,
  busy,
  error,
  savedNote,
}: {
  addLabel: string;
  onAdd: () => void;
  saveLabel: string;
  onSave: () => void;
  busy: boolean;
  error: unknown;
  savedNote: string | null;
}) => (
  <>
    <div className="actions">
      <button type="button" onClick={onAdd}>
        {addLabel}
      </button>
      <button type="button" className="button--primary" disabled={busy} onClick={onSave}>
        {saveLabel}
      </button>
    </div>
    <ErrorBanner error={error} />
    {savedNote ? (
      <p className="banner banner--ok" role="status">
        {savedNote}
      </p>
    ) : null}
  </>
);
