import { db } from '#renderer/db/local-db';
import type { OfferDraft } from './offer-form-model';

/** Key of the one unsaved new-offer draft, or of an edit in progress. */
export const draftKey = (offerId: string | null): string => (offerId ? `edit:${offerId}` : 'new');

export type SavedDraft = { draft: OfferDraft; savedAt: string; baseVersion: number | null };

export const loadDraft = async (offerId: string | null): Promise<SavedDraft | null> => {
  const row = await db.drafts.get(draftKey(offerId));
  return row ? (row.form as SavedDraft) : null;
};

export const saveDraft = async (
  offerId: string | null,
  draft: OfferDraft,
  baseVersion: number | null,
): Promise<string> => {
  const savedAt = new Date().toISOString();
  const form: SavedDraft = { draft, savedAt, baseVersion };
  await db.drafts.put({ key: draftKey(offerId), offerId, form, savedAt });
  return savedAt;
};

export const deleteDraft = async (offerId: string | null): Promise<void> => {
  await db.drafts.delete(draftKey(offerId));
};
