import { useLayoutEffect, useRef } from 'react';
import type { OfferDraft } from './offer-form-model';
import { OfferSummaryView } from './OfferSummaryView';

/** The summary shown before saving; a modal dialog so focus stays inside it. */
export const OfferPreview = ({
  draft,
  editing,
  saving,
  onConfirm,
  onBack,
}: {
  draft: OfferDraft;
  editing: boolean;
  saving: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) => {
  const ref = useRef<HTMLDialogElement>(null);
  // Layout effect: closing the dialog hands focus back to the button that opened it, and that
  // must happen before the editor moves focus to a field the hub refused, not after.
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="preview"
      aria-labelledby="preview-title"
      onCancel={(e) => {
        e.preventDefault();
        onBack();
      }}
    >
      <h2 id="preview-title">Preview · {draft.name}</h2>
      <OfferSummaryView draft={draft} />
      <div className="actions">
        <button
          type="button"
          className="button--primary"
          onClick={onConfirm}
          disabled={saving}
          autoFocus
        >
          {saving ? 'Saving…' : editing ? 'Update offer' : 'Create offer'}
        </button>
        <button type="button" onClick={onBack} disabled={saving}>
          Back to editing
        </button>
      </div>
    </dialog>
  );
};
