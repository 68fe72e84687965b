import { ModalDialog } from '#renderer/ui/ModalDialog';

/**
 * Asked before an offer that does not fit the store is synced there: each reason in words,
 * then "Sync anyway" or not. A modal dialog: focus stays inside, Esc keeps it unsynced.
 */
export const SyncFitDialog = ({
  offerName,
  storeName,
  reasons,
  onConfirm,
  onCancel,
}: {
  offerName: string;
  storeName: string;
  reasons: readonly string[];
  onConfirm: () => void;
  onCancel: () => void;
}) => (
  <ModalDialog
    className="sync-fit"
    labelledBy="sync-fit-title"
    describedBy="sync-fit-why"
    onCancel={onCancel}
  >
    <h2 id="sync-fit-title">
      Sync {offerName} to {storeName}?
    </h2>
    <ul id="sync-fit-why" className="sync-fit__why">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
    <div className="actions">
      <button type="button" className="button--primary" autoFocus onClick={onCancel}>
        Don’t sync
      </button>
      <button type="button" onClick={onConfirm}>
        Sync anyway
      </button>
    </div>
  </ModalDialog>
);
