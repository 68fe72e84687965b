import type { OfferDraft } from './offer-form-model';

/** What every section of the offer form receives. */
export type SectionProps = {
  draft: OfferDraft;
  /** Functional update of the whole draft. */
  set: (fn: (d: OfferDraft) => OfferDraft) => void;
  /** The inline error for a dotted path, if any. */
  err: (path: string) => string | undefined;
  /** Editing an existing offer: immutable fields are locked. */
  editing: boolean;
  /** The org's zone: an offer's dates are entered and shown on the org's clock. */
  zone: string;
};
