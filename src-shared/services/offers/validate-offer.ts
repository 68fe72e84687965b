import { Decimal } from 'decimal.js';
import type { OfferConfig } from '#shared/domain/offer';
import { reason, type Reason } from '#shared/domain/reasons';
import { isCodeChar, validateCustomCharset } from '#shared/codes/charsets';
import { validateCommonCode } from '#shared/codes/common-code';
import { normalizeCode } from '#shared/codes/normalize';
import { analyzeSample } from '#shared/codes/randomized-series';
import { checkUniqueCodeRequest } from '#shared/codes/unique-capacity';
import { offerCombinationReasons } from '#shared/engine/offer-combinations';
import { checkNotificationConfig } from '#shared/notifications/validate-config';
import { offlineChoiceReasons } from '#shared/sync/offline-policy';

export type CheckedConfig = { config: OfferConfig; reasons: Reason[] };

const affixReasons = (value: string, field: string): Reason[] => {
  const bad = [...value].findIndex((c) => !isCodeChar(c));
  return bad < 0
    ? []
    : [
        reason(
          'CODE_BAD_CHAR',
          `${JSON.stringify(value)} has ${JSON.stringify(value[bad])} at position ${bad + 1}; codes may only use A-Z, 0-9, "-" and "_"`,
          field,
        ),
      ];
};

/**
 * The rules the schema cannot express (cross-field, code alphabets), plus normalization
 * (codes uppercase). `notBefore` is the instant a fixed end must follow: now on create, the
 * offer's creation on edit (an edit may end an offer early, not before it began).
 */
export function checkOfferConfig(
  input: OfferConfig,
  notBefore: string,
  defaultCurrency: string,
): CheckedConfig {
  const reasons: Reason[] = [];
  let codeGeneration = input.codeGeneration;
  switch (codeGeneration.method) {
    case 'UNIQUE_AUTO': {
      const g = codeGeneration;
      let customCharset = g.customCharset;
      if (g.charset === 'CUSTOM') {
        if (customCharset === null) {
          reasons.push(
            reason(
              'CHARSET_MISSING',
              'A CUSTOM charset needs customCharset, e.g. "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"',
              'codeGeneration.customCharset',
            ),
          );
        } else {
          const cs = validateCustomCharset(customCharset, 'codeGeneration.customCharset');
          if (cs.ok) customCharset = cs.value;
          else reasons.push(...cs.reasons);
        }
      }
      const prefix = normalizeCode(g.prefix);
      const suffix = normalizeCode(g.suffix);
      reasons.push(...affixReasons(prefix, 'codeGeneration.prefix'));
      reasons.push(...affixReasons(suffix, 'codeGeneration.suffix'));
      if (prefix.length + g.length + suffix.length > 32) {
        reasons.push(
          reason(
            'CODE_TOO_LONG',
            `prefix + length + suffix is ${prefix.length + g.length + suffix.length} characters; codes have at most 32`,
            'codeGeneration.length',
          ),
        );
      }
      codeGeneration = { ...g, customCharset, prefix, suffix };
      const limit = input.issuance.totalLimit;
      if (limit !== null && reasons.length === 0) {
        const room = checkUniqueCodeRequest(codeGeneration, limit);
        if (!room.ok) {
          reasons.push(...room.reasons.map((r) => ({ ...r, field: 'codeGeneration.length' })));
        }
      }
      break;
    }
    case 'COMMON': {
      const code = validateCommonCode(codeGeneration.code, 'codeGeneration.code');
      if (code.ok) codeGeneration = { method: 'COMMON', code: code.value };
      else reasons.push(...code.reasons);
      break;
    }
    case 'RANDOMIZED_COMMON': {
      const shape = analyzeSample(codeGeneration.sample, 'codeGeneration.sample');
      if (shape.ok) {
        codeGeneration = {
          method: 'RANDOMIZED_COMMON',
          sample: normalizeCode(codeGeneration.sample),
        };
      } else reasons.push(...shape.reasons);
      break;
    }
    case 'UPLOADED':
      break;
  }

  const end = input.expiry.endsAt;
  if (end !== null && Date.parse(end) <= Date.parse(notBefore)) {
    reasons.push(
      reason('INVALID_FIELD', `The offer must end after ${notBefore}; got ${end}`, 'expiry.endsAt'),
    );
  }

  let discount = input.discount;
  if (discount.type === 'FIXED' && new Decimal(discount.amount).lte(0)) {
    reasons.push(
      reason('INVALID_FIELD', 'A fixed discount must be more than 0', 'discount.amount'),
    );
  }
  if (discount.type === 'PERCENT' && discount.maxDiscount !== null) {
    // A cap without a currency is read in the org's default currency.
    discount = {
      ...discount,
      maxDiscountCurrency: discount.maxDiscountCurrency ?? defaultCurrency,
    };
  }

  const r = input.redemption;
  if (r.minBill !== null && r.maxBill !== null && new Decimal(r.minBill).gt(r.maxBill)) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        `Minimum bill ${r.minBill} is more than maximum bill ${r.maxBill}`,
        'redemption.minBill',
      ),
    );
  }
  r.hours.forEach((h, i) => {
    if (h.from === h.to) {
      reasons.push(
        reason('INVALID_FIELD', `Hour range ${h.from}–${h.to} is empty`, `redemption.hours.${i}`),
      );
    }
  });
  const nc = r.newCustomers;
  if (nc?.registeredFrom && nc.registeredTo && nc.registeredFrom > nc.registeredTo) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        `Registered from ${nc.registeredFrom} is after registered to ${nc.registeredTo}`,
        'redemption.newCustomers.registeredFrom',
      ),
    );
  }
  const iss = input.issuance;
  if (
    iss.notifyThreshold !== null &&
    iss.totalLimit !== null &&
    iss.notifyThreshold > iss.totalLimit
  ) {
    reasons.push(
      reason(
        'INVALID_FIELD',
        `Notify threshold ${iss.notifyThreshold} is above the total issual limit ${iss.totalLimit}`,
        'issuance.notifyThreshold',
      ),
    );
  }
  // Reminder templates, GSM-only SMS text, POCs to send to (docs/notifications.md).
  reasons.push(...checkNotificationConfig(input));
  reasons.push(...offerCombinationReasons(input));
  reasons.push(...offlineChoiceReasons(input));
  return { config: { ...input, codeGeneration, discount }, reasons };
}
