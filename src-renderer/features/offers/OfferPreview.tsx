import { ModalDialog } from '#renderer/ui/ModalDialog';
import type { OfferDraft } from './offer-form-model';
import { OfferSummaryView } from './OfferSummaryView';
import { SyncChoice } from './SyncChoice';

/**
 * The summary shown before saving, with the one question asked at every save: whether in-store
 * tills get the offer. Editing, the lines the save changes are marked. A modal dialog, so focus
 * stays inside it.
 */
export const OfferPreview = ({
  draft,
  before,
  onSync,
  saving,
  onConfirm,
  onBack,
}: {
  draft: OfferDraft;
  /** The saved offer being edited; null for a new one. */
  before: OfferDraft | null;
  onSync: (enabled: boolean) => void;
  saving: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) => (
  <ModalDialog className="preview" labelledBy="preview-title" onCancel={onBack}>
    <h2 id="preview-title">Preview · {draft.name}</h2>
    <OfferSummaryView draft={draft} before={before} />
    <SyncChoice draft={draft} onChange={onSync} />
    <div className="actions">
      <button
        type="button"
        className="button--primary"
        onClick={onConfirm}
        disabled={saving}
        autoFocus
      >
        {saving ? 'Saving…' : before ? 'Update offer' : 'Create offer'}
      </button>
      <button type="button" onClick={onBack} disabled={saving}>
        Back to editing
      </button>
    </div>
  </ModalDialog>
);
