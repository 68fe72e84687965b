import {
  editLockedOfferFields,
  offerInput,
  type EditLockedOfferField,
  type Offer,
  type OfferConfig,
  type OfferPatch,
} from '../domain/offer';
import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';

/** A patch as it may arrive: the editable config, plus an id a client might (wrongly) change. */
export type OfferEditPatch = OfferPatch & { id?: string };

const immutable = (field: EditLockedOfferField): Reason =>
  reason(
    'IMMUTABLE_FIELD',
    `The ${editLockedOfferFields[field]} cannot be changed after the offer is created`,
    field,
  );

/** The editable config of a stored offer (its bookkeeping fields dropped). */
export const configOf = (offer: Offer): OfferConfig => {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(offerInput.shape))
    out[key] = (offer as Record<string, unknown>)[key];
  return out as OfferConfig;
};

/**
 * Applies an edit: name, offer code, issuance, expiry dates, reminders, redemption, discount
 * and the rest may change; the offer id, expiry type and code-generation method may not (seed:
 * "you cannot modify the offer expiry type, coupon code creation option, and offer id"), nor a
 * randomized common code's sample. Returns the new config, validated as a whole, or every reason.
 */
export const checkOfferEdit = (before: Offer, patch: OfferEditPatch): Result<OfferConfig> => {
  const reasons: Reason[] = [];
  if (patch.id !== undefined && patch.id !== before.id) reasons.push(immutable('id'));
  if (patch.expiry !== undefined && patch.expiry.type !== before.expiry.type) {
    reasons.push(immutable('expiry.type'));
  }
  const gen = patch.codeGeneration;
  if (gen !== undefined && gen.method !== before.codeGeneration.method) {
    reasons.push(immutable('codeGeneration.method'));
  } else if (
    gen?.method === 'RANDOMIZED_COMMON' &&
    before.codeGeneration.method === 'RANDOMIZED_COMMON' &&
    gen.sample !== before.codeGeneration.sample
  ) {
    reasons.push(immutable('codeGeneration.sample'));
  }

  const merged: Record<string, unknown> = { ...configOf(before) };
  for (const [key, value] of Object.entries(patch)) {
    if (key !== 'id' && value !== undefined) merged[key] = value;
  }
  const parsed = offerInput.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      reasons.push(reason('INVALID_FIELD', `${field || 'offer'}: ${issue.message}`, field));
    }
  }
  if (reasons.length > 0 || !parsed.success) return fail(...reasons);
  return ok(parsed.data);
};
