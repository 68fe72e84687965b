import { offerInput, type OfferConfig, type OfferInput } from '../../../src-shared/domain/offer';
import { offerCombinationReasons } from '../../../src-shared/engine/offer-combinations';
import { checkNotificationConfig } from '../../../src-shared/notifications/validate-config';
import type { OpOutput } from '../../../src-shared/api/operations';
import { toFieldErrors, type FieldErrors } from '../../ui/field-errors';

/** The offer form's state: the full config with every default filled in. */
export type OfferDraft = OfferConfig;
export type StoredOffer = OpOutput<'offers-get'>['offer'];

const endOfDayInDays = (now: Date, days: number): string => {
  const d = new Date(now.getTime() + days * 86_400_000);
  d.setHours(23, 59, 0, 0);
  return d.toISOString();
};

/** A new offer: fixed-date expiry a month out, fixed discount, unique 10-character codes. */
export const defaultDraft = (now: Date, currency = 'INR'): OfferDraft => ({
  // Parsed with a stand-in name (the schema requires one) so every default is filled in.
  ...offerInput.parse({
    name: 'new offer',
    expiry: { type: 'FIXED_DATE', endsAt: endOfDayInDays(now, 30) },
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
 * Runs the same schema, message checks (tags, plain-SMS text, POCs) and settings that cannot
 * go together (third party with "anyone", coupon expiry with the offer) the API runs,
 * so mistakes show next to the field before saving. The hub checks everything again; what only
 * it can judge (org references, limits against each other) comes back from the save.
 */
export const validateDraft = (d: OfferDraft): FieldErrors => {
  const r = offerInput.safeParse(toOfferInput(d));
  if (!r.success) {
    return toFieldErrors(
      r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return toFieldErrors(
    [...checkNotificationConfig(r.data), ...offerCombinationReasons(r.data)].map((x) => ({
      path: x.field ?? '',
      message: x.message,
    })),
  );
};

/** Fields that never change after creation; edit locks them. */
export const lockedInEdit = {
  'expiry.type': 'The expiry type is fixed once the offer exists.',
  'codeGeneration.method': 'The way codes are created is fixed once the offer exists.',
  'codeGeneration.sample': 'The sample of a randomized common code cannot change after creation.',
  id: 'The offer id never changes.',
} as const;

/** `<input type="datetime-local">` works in local wall time; the API takes instants. */
export const toLocalInput = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const fromLocalInput = (value: string): string | null => {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

/** Comma- or newline-separated text to a clean list. */
export const parseList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
