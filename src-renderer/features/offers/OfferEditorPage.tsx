import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiClientError } from '#renderer/api/api-error';
import { send } from '#renderer/api/client';
import { recordActivity } from '#renderer/db/local-db';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { errorAt, fieldErrorsFromError, type FieldErrors } from '#renderer/ui/field-errors';
import { formatInstant } from '#renderer/lib/time-format';
import { useOrgZone, useTimeZones } from '#renderer/lib/time-zones';
import { useOrgDefinitions } from '../org-definitions/org-definitions-store';
import { CouponDetailsSection } from './CouponDetailsSection';
import { DiscountSection } from './DiscountSection';
import { deleteDraft, loadDraft, saveDraft } from './drafts';
import { IssuanceSection } from './IssuanceSection';
import { NameExpirySection } from './NameExpirySection';
import { NotificationsSection } from './NotificationsSection';
import {
  defaultDraft,
  draftFromOffer,
  lockedInEdit,
  toOfferInput,
  validateDraft,
  type OfferDraft,
  type StoredOffer,
} from './offer-form-model';
import { OfferPreview } from './OfferPreview';
import { RedemptionSection } from './RedemptionSection';
import { SyncOfflineSection } from './SyncOfflineSection';
import './offers.css';

const autosaveMs = 400;

const focusFirstError = (errors: FieldErrors) => {
  const first = Object.keys(errors)[0];
  if (!first) return;
  // Walk up the path until an element with that id exists (e.g. "expiry.endsAt").
  const parts = first.split('.');
  while (parts.length) {
    const el = document.getElementById(parts.join('.'));
    if (el) {
      el.focus();
      return;
    }
    parts.pop();
  }
};

/** Create or edit an offer; the unsaved form lives in IndexedDB until it is saved. */
export const OfferEditorPage = () => {
  const { id = null } = useParams();
  const navigate = useNavigate();
  const [stored, setStored] = useState<StoredOffer | null>(null);
  const [draft, setDraft] = useState<OfferDraft | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Bumped to move focus to the first error once the render showing it (and closing the
  // preview dialog, which hands focus back to its opener) has been committed.
  const [focusRequest, setFocusRequest] = useState(0);
  const [apiError, setApiError] = useState<unknown>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const advancedRef = useRef<HTMLDetailsElement>(null);
  const zone = useTimeZones().orgZone;
  const newDraft = () => {
    const { orgCurrency, orgZone, syncToInStoreByDefault } = useOrgZone.getState();
    const d = defaultDraft(new Date(), orgCurrency ?? undefined, orgZone ?? undefined);
    // The org says whether new offers go to the tills; the author confirms it when saving.
    return { ...d, syncToInStore: { ...d.syncToInStore, enabled: syncToInStoreByDefault } };
  };

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        // A new offer's default expiry is 23:59 on the org's calendar: the zone comes first.
        await useOrgZone.getState().ensure();
        const offer = id ? (await send('offers-get', { id })).offer : null;
        const saved = await loadDraft(id);
        if (!live) return;
        setStored(offer);
        if (saved) {
          setDraft(saved.draft);
          setRestoredAt(saved.savedAt);
        } else {
          setDraft(offer ? draftFromOffer(offer) : newDraft());
        }
      } catch (e) {
        if (live) setApiError(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [id]);

  // Autosave shortly after each change, so a crash or restart loses at most a keystroke or two.
  useEffect(() => {
    if (!draft || !dirty) return;
    const t = setTimeout(() => {
      void saveDraft(id, draft, stored?.version ?? null).then(setSavedAt);
    }, autosaveMs);
    return () => clearTimeout(t);
  }, [draft, dirty, id, stored]);

  useEffect(() => {
    if (focusRequest > 0) focusFirstError(errors);
    // Only a new request moves focus, not every change of the error list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const set = useCallback((fn: (d: OfferDraft) => OfferDraft) => {
    setDraft((d) => (d ? fn(d) : d));
    setDirty(true);
  }, []);

  const showErrors = (errs: FieldErrors) => {
    setErrors(errs);
    setPreviewing(false);
    if (
      Object.keys(errs).some((k) => /^(issuance|redemption|syncToInStore|offlinePolicy)/.test(k))
    ) {
      if (advancedRef.current) advancedRef.current.open = true;
    }
    setFocusRequest((n) => n + 1);
  };

  const preview = () => {
    if (!draft) return;
    setApiError(null);
    const errs = validateDraft(draft, useOrgDefinitions.getState().fields ?? []);
    if (Object.keys(errs).length) showErrors(errs);
    else {
      setErrors({});
      setPreviewing(true);
    }
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setApiError(null);
    try {
      const input = toOfferInput(draft);
      const offer = stored
        ? await send('offers-update', { ...input, id: stored.id, expectedVersion: stored.version })
        : await send('offers-create', input);
      await deleteDraft(id);
      void recordActivity(
        stored ? 'offer-updated' : 'offer-created',
        `${stored ? 'Updated' : 'Created'} offer ${offer.name}`,
        `/offers/${offer.id}`,
      );
      void navigate(`/offers/${offer.id}`, { state: { saved: true } });
    } catch (e) {
      setApiError(e);
      if (e instanceof ApiClientError) showErrors(fieldErrorsFromError(e));
      else setPreviewing(false);
    } finally {
      setSaving(false);
    }
  };

  const discard = async () => {
    await deleteDraft(id);
    setRestoredAt(null);
    setDirty(false);
    setSavedAt(null);
    setErrors({});
    setDraft(stored ? draftFromOffer(stored) : newDraft());
  };

  if (!draft) {
    return (
      <section className="page">
        <ErrorBanner error={apiError} />
        {!apiError ? <p>Loading…</p> : null}
      </section>
    );
  }

  const err = (path: string) => errorAt(errors, path);
  const editing = stored !== null;
  const props = { draft, set, err, editing, zone };

  return (
    <section className="page offer-editor">
      <div className="page__header">
        <h1>{editing ? `Edit offer · ${stored.name}` : 'Create offer'}</h1>
        <span className="muted" role="status" aria-live="polite">
          {savedAt ? `Draft saved ${formatInstant(savedAt, zone)}` : ''}
        </span>
      </div>
      {restoredAt ? (
        <div className="banner banner--info" role="status" data-testid="draft-restored">
          Restored your unsaved draft from {formatInstant(restoredAt, zone)}.{' '}
          <button type="button" className="button--link" onClick={() => void discard()}>
            Discard draft
          </button>
        </div>
      ) : null}
      <ErrorBanner error={apiError} />
      {editing ? (
        <div className="field">
          <label htmlFor="offer-id">Offer id</label>
          <input id="offer-id" value={stored.id} disabled aria-describedby="offer-id-locked" />
          <p className="field__locked" id="offer-id-locked">
            Locked: {lockedInEdit.id}
          </p>
        </div>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          preview();
        }}
        noValidate
      >
        <NameExpirySection {...props} />
        <DiscountSection {...props} />
        <CouponDetailsSection {...props} />
        <details className="advanced" ref={advancedRef}>
          <summary>Advanced settings</summary>
          <IssuanceSection {...props} />
          <NotificationsSection {...props} />
          <RedemptionSection {...props} />
          <SyncOfflineSection {...props} />
        </details>
        <div className="actions sticky-actions">
          <button type="submit" className="button--primary">
            {editing ? 'Preview and update' : 'Preview and save'}
          </button>
          <Link to={editing ? `/offers/${stored.id}` : '/offers'} className="button">
            Cancel
          </Link>
        </div>
      </form>
      {previewing ? (
        <OfferPreview
          draft={draft}
          before={stored ? draftFromOffer(stored) : null}
          onSync={(enabled) =>
            set((d) => ({ ...d, syncToInStore: { ...d.syncToInStore, enabled } }))
          }
          saving={saving}
          onConfirm={() => void save()}
          onBack={() => setPreviewing(false)}
        />
      ) : null}
    </section>
  );
};
