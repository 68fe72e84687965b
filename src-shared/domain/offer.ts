import { z } from 'zod';
import {
  currencyCode,
  id,
  instant,
  localDate,
  moneyString,
  decimalString,
  nonNegativeInt,
  orgEntityRef,
  positiveInt,
  timeOfDay,
} from './primitives';

/** Offer expiry: a fixed instant, or along with the consuming campaign (its end may be set later). */
export const offerExpiry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FIXED_DATE'), endsAt: instant }),
  z.object({ type: z.literal('WITH_CAMPAIGN'), endsAt: instant.nullable().default(null) }),
]);

export const discount = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FIXED'), amount: moneyString, currency: currencyCode }),
  z.object({
    type: z.literal('PERCENT'),
    percent: decimalString.refine(
      (s) => Number(s) > 0 && Number(s) <= 100,
      'must be between 0 and 100',
    ),
    /** Cap on the discount, in `maxDiscountCurrency`. */
    maxDiscount: moneyString.nullable().default(null),
    maxDiscountCurrency: currencyCode.nullable().default(null),
  }),
]);

export const productAttribute = z.object({ name: z.string().min(1), value: z.string().min(1) });
export const applicability = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('ALL') }),
  z.object({
    scope: z.literal('SELECTED'),
    categories: z.array(z.string().min(1)).default([]),
    brands: z.array(z.string().min(1)).default([]),
    attributes: z.array(productAttribute).default([]),
    skus: z.array(z.string().min(1)).default([]),
  }),
]);

export const charsetKind = z.enum(['NUMERIC', 'ALPHANUMERIC', 'CUSTOM']);
export const codeGeneration = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('UNIQUE_AUTO'),
    length: z.number().int().min(4).max(32),
    charset: charsetKind,
    customCharset: z.string().min(2).max(64).nullable().default(null),
    prefix: z.string().max(16).default(''),
    suffix: z.string().max(16).default(''),
  }),
  z.object({ method: z.literal('COMMON'), code: z.string().min(3).max(32) }),
  z.object({ method: z.literal('UPLOADED') }),
  z.object({ method: z.literal('RANDOMIZED_COMMON'), sample: z.string().min(5).max(10) }),
]);

export const couponExpiry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('WITH_OFFER') }),
  z.object({ type: z.literal('DAYS_FROM_ISSUE'), days: nonNegativeInt }),
  z.object({ type: z.literal('MONTH_ENDS_FROM_ISSUE'), months: nonNegativeInt }),
]);

export const expiryReminder = z.object({
  daysBefore: nonNegativeInt,
  channel: z.enum(['SMS', 'EMAIL']),
  sendTime: timeOfDay,
  template: z.string().min(1).max(1000),
  allowUnicode: z.boolean().default(false),
});

export const issuanceSettings = z.object({
  /**
   * Issue only to the customers on the offer's list. The list is not part of the config: it
   * can hold millions, so it lives in offer_audience (the audience-* operations and uploads of
   * kind AUDIENCE).
   */
  specificCustomersOnly: z.boolean().default(false),
  maxPerCustomer: positiveInt.nullable().default(null),
  minGapDays: nonNegativeInt.nullable().default(null),
  totalLimit: positiveInt.nullable().default(null),
  /** Notify when remaining issuable coupons fall to this number. */
  notifyThreshold: nonNegativeInt.nullable().default(null),
  /** The org's points of contact the issual-limit alert goes to (domain/org-definitions.ts). */
  notifyContactIds: z.array(id).default([]),
  /** Further addresses for the alert, outside the org's list (API; kept from before the list). */
  notifyEmails: z.array(z.email()).default([]),
  /** Do not issue to customers who got a coupon of any of these offers in the last 6 months. */
  restrictPastIssualsOfOfferIds: z.array(id).default([]),
  onRematch: z.enum(['SEND_EXISTING', 'SEND_NOTHING']).default('SEND_NOTHING'),
  resendSms: z
    .object({
      enabled: z.boolean(),
      content: z.string().max(1000),
      allowUnicode: z.boolean().default(false),
    })
    .default({ enabled: false, content: '', allowUnicode: false }),
  expiryReminders: z.array(expiryReminder).max(10).default([]),
  /** To the picked points of contact (contactIds) and any further addresses (pocEmails). */
  offerExpiryReminder: z
    .object({
      enabled: z.boolean(),
      contactIds: z.array(id).default([]),
      pocEmails: z.array(z.email()).default([]),
      daysBefore: nonNegativeInt,
    })
    .default({ enabled: false, contactIds: [], pocEmails: [], daysBefore: 1 }),
});

export const redemptionStart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AFTER_ISSUE') }),
  z.object({ type: z.literal('DAYS_AFTER_ISSUE'), days: positiveInt }),
  z.object({ type: z.literal('FROM_DATE'), date: localDate }),
]);

export const hourRange = z.object({ from: timeOfDay, to: timeOfDay });

export const redemptionSettings = z.object({
  /** Coupon can be shared and redeemed by anyone, not only its recipient. */
  allowAnyone: z.boolean().default(false),
  /** Max redemptions of one code across all customers (null = no limit). */
  codeLimit: positiveInt.nullable().default(null),
  /** Max redemptions of one code by one customer (null = no limit). */
  customerLimit: positiveInt.nullable().default(null),
  /** Max redemptions across the whole offer ("across customer" / total redemption limit). */
  seriesLimit: positiveInt.nullable().default(null),
  /** Redeem more than once; when false a customer redeems a coupon at most once. */
  moreThanOnce: z.boolean().default(false),
  start: redemptionStart.default({ type: 'AFTER_ISSUE' }),
  /** Empty = every store. */
  stores: z.array(orgEntityRef).default([]),
  minBill: moneyString.nullable().default(null),
  maxBill: moneyString.nullable().default(null),
  /** ISO weekdays 1 (Mon) … 7 (Sun); empty = every day. */
  daysOfWeek: z.array(z.number().int().min(1).max(7)).default([]),
  /** 1 … 31; empty = every day. */
  daysOfMonth: z.array(z.number().int().min(1).max(31)).default([]),
  /** Half-open [from, to) wall-clock ranges; empty = all day. */
  hours: z.array(hourRange).default([]),
  /** Min days between two redemptions by one customer. */
  minGapDays: positiveInt.nullable().default(null),
  newCustomers: z
    .object({
      registeredFrom: localDate.nullable().default(null),
      registeredTo: localDate.nullable().default(null),
      /** Customer qualifies only with at most this many past transactions. */
      maxTransactions: nonNegativeInt.nullable().default(null),
    })
    .nullable()
    .default(null),
});

/**
 * Choices for an offer a till may redeem offline (docs/sync.md):
 *  - verifiedCodes: its generated codes (unique auto, randomized) carry a keyed check, so a till
 *    that has not synced since a code was issued may still accept it offline; the redemption is
 *    flagged and the hub links or refuses it on reconnect. Uploaded and common codes cannot.
 *  - reclaimAfterGrace: unspent units of an expired lease go back to the pool after the grace
 *    even though the till has not reported; risks a late good-faith sale past the limit.
 */
const offlineChoices = {
  verifiedCodes: z.boolean().default(false),
  reclaimAfterGrace: z.boolean().default(false),
};
export const offlinePolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ALLOW'), ...offlineChoices }),
  z.object({ mode: z.literal('UP_TO_BILL'), maxBill: moneyString, ...offlineChoices }),
  z.object({ mode: z.literal('ONLINE_ONLY') }),
]);

/** Everything a person sets when creating an offer. */
export const offerInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  offerCode: z
    .string()
    .regex(/^[A-Z0-9_-]{3,32}$/, 'must be 3–32 of A–Z, 0–9, _ or -')
    .optional(),
  posIdentifier: z.string().max(64).default(''),
  metadata: z.record(z.string(), z.string()).default({}),
  expiry: offerExpiry,
  discount,
  applicability: applicability.default({ scope: 'ALL' }),
  applicableOnSale: z.boolean().default(false),
  delivery: z.enum(['SYSTEM', 'THIRD_PARTY']).default('SYSTEM'),
  codeGeneration,
  couponExpiry: couponExpiry.default({ type: 'WITH_OFFER' }),
  issuance: issuanceSettings.default(issuanceSettings.parse({})),
  redemption: redemptionSettings.default(redemptionSettings.parse({})),
  syncToInStore: z
    .object({ enabled: z.boolean(), scope: z.array(orgEntityRef).default([]) })
    .default({ enabled: false, scope: [] }),
  offlinePolicy: offlinePolicy.default({
    mode: 'ALLOW',
    verifiedCodes: false,
    reclaimAfterGrace: false,
  }),
});
export type OfferInput = z.input<typeof offerInput>;
export type OfferConfig = z.output<typeof offerInput>;

export const consumerType = z.enum(['DVS', 'OUTBOUND', 'TIMELINE', 'LOYALTY']);
export type ConsumerType = z.infer<typeof consumerType>;
export const claim = z.object({
  consumerType,
  consumerId: id,
  consumerName: z.string().min(1).max(200),
  claimedAt: instant,
});
export type Claim = z.infer<typeof claim>;

/** An offer as stored: its config plus identity and bookkeeping. */
export const offer = offerInput.extend({
  id,
  offerCode: z.string(),
  /** RANDOMIZED_COMMON only: the fixed part shared by all codes (never the key). */
  fixedPart: z.string().nullable(),
  claim: claim.nullable(),
  createdAt: instant,
  modifiedAt: instant,
  version: z.number().int(),
});
export type Offer = z.output<typeof offer>;

/**
 * Fields fixed at creation (seed: offer id, expiry type, code method; and a randomized series'
 * sample, which its codes are spelled from), each with what a person calls it: an edit that
 * changes one is refused with IMMUTABLE_FIELD naming it, and the offer form locks it.
 */
export const editLockedOfferFields = {
  id: 'offer id',
  'expiry.type': 'offer expiry type',
  'codeGeneration.method': 'way coupon codes are created',
  'codeGeneration.sample': 'sample code of randomized common codes',
} as const;
export type EditLockedOfferField = keyof typeof editLockedOfferFields;

/**
 * An edit: any top-level section, each given section replacing the stored one whole. Built
 * without the input's defaults, so a missing section stays undefined (= unchanged) instead of
 * being filled with its default and silently resetting the stored setting.
 */
const shape = offerInput.shape;
export const offerPatch = z
  .object({
    ...shape,
    posIdentifier: shape.posIdentifier.removeDefault(),
    metadata: shape.metadata.removeDefault(),
    applicability: shape.applicability.removeDefault(),
    applicableOnSale: shape.applicableOnSale.removeDefault(),
    delivery: shape.delivery.removeDefault(),
    couponExpiry: shape.couponExpiry.removeDefault(),
    issuance: shape.issuance.removeDefault(),
    redemption: shape.redemption.removeDefault(),
    syncToInStore: shape.syncToInStore.removeDefault(),
    offlinePolicy: shape.offlinePolicy.removeDefault(),
  })
  .partial();
export type OfferPatch = z.input<typeof offerPatch>;
