import {
  offerInput,
  type EditLockedOfferField,
  type OfferConfig,
  type OfferInput,
} from '#shared/domain/offer';
import type { MetadataField } from '#shared/domain/org-definitions';
import { checkMetadata } from '#shared/engine/metadata';
import { offerCombinationReasons } from '#shared/engine/offer-combinations';
import { checkNotificationConfig } from '#shared/notifications/validate-config';
import type { OpOutput } from '#shared/api/operations';
import { endOfDayIn } from '#renderer/lib/time-format';
import { toFieldErrors, type FieldErrors } from '#renderer/ui/field-errors';

/** The offer form's state: the full config with every default filled in. */
export type OfferDraft = OfferConfig;
export type StoredOffer = OpOutput<'offers-get'>['offer'];

/**
 * A new offer: expiry at 23:59 a month out on the org's calendar (not this computer's), fixed
 * discount in the org's currency, unique 10-character codes.
 */
export const defaultDraft = (now: Date, currency = 'INR', zone = 'UTC'): OfferDraft => ({
  // Parsed with a stand-in name (the schema requires one) so every default is filled in.
  ...offerInput.parse({
    name: 'new offer',
    expiry: { type: 'FIXED_DATE', endsAt: endOfDayIn(zone, 30, now) },
    discount: { type: 'FIXED', amount: '100', currency },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
  }),
  name: '',
});

const configKeys = Object.keys(offerInput.shape) as (keyof OfferDraft)[];

/** The editable part of a stored offer (identity and bookkeeping left out). */
export const draftFromOffer = (offer: StoredOffer): OfferDraft => {
  const out: Record<string, unknown> = {};
  for (const k of configKeys) out[k] = (offer as Record<string, unknown>)[k];
  return out as OfferDraft;
};

/** What is sent: trimmed name, and an empty offer code means "generate one". */
export const toOfferInput = (d: OfferDraft): OfferInput => {
  const { offerCode, ...rest } = d;
  const code = offerCode?.trim();
  return { ...rest, name: d.name.trim(), ...(code ? { offerCode: code } : {}) };
};

/**
 * Runs the same schema, custom metadata, message checks (tags, plain-SMS text, points of
 * contact) and settings that cannot
 * go together (third party with "anyone", coupon expiry with the offer) the API runs,
 * so mistakes show next to the field before saving. The hub checks everything again; what only
 * it can judge (org references, limits against each other) comes back from the save.
 */
export const validateDraft = (
  d: OfferDraft,
  /** The org's custom metadata fields: required ones filled, values of their type. */
  metadataFields: readonly MetadataField[] = [],
): FieldErrors => {
  const r = offerInput.safeParse(toOfferInput(d));
  if (!r.success) {
    return toFieldErrors(
      r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return toFieldErrors(
    [
      ...checkMetadata(r.data.metadata, metadataFields),
      ...checkNotificationConfig(r.data),
      ...offerCombinationReasons(r.data),
    ].map((x) => ({
      path: x.field ?? '',
      message: x.message,
    })),
  );
};

/** Fields that never change after creation (the shared list); edit locks them. */
export const lockedInEdit = {
  'expiry.type': 'The expiry type is fixed once the offer exists.',
  'codeGeneration.method': 'The way codes are created is fixed once the offer exists.',
  'codeGeneration.sample': 'The sample of a randomized common code cannot change after creation.',
  id: 'The offer id never changes.',
} as const satisfies Record<EditLockedOfferField, string>;

/** Comma- or newline-separated text to a clean list. */
export const parseList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
