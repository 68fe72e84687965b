import type { HandlerContext } from '#shared/api/handlers';
import type { OpParsedInput } from '#shared/api/operations';
import { normalizeCode } from '#shared/codes/normalize';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import type { CurrencyRate, StoreContext } from '#shared/domain/org';
import { reason, type Reason, type Result } from '#shared/domain/reasons';
import { checkRedemption } from '#shared/engine/redemption';
import type { DiscountResult, RedemptionFacts, RedemptionRequest } from '#shared/engine/types';
import type { SqlPort } from '#shared/sql/port';
import { findCustomerByRef, refToString } from '../customers/index';
import { loadCurrencyRates } from '../rates/index';
import type { FoundCoupon } from './find-coupon';
import { storeContextOf } from './store-cache';

type RequestInput = OpParsedInput<'redemptions-validate'>;

/** A request to validate or redeem, resolved against master data (before any coupon look-up). */
export type Presented = {
  code: string;
  store: StoreContext;
  customer: Customer | null;
  /** Problems with the request itself, e.g. an identifier naming nobody. */
  requestReasons: Reason[];
  request: RedemptionRequest;
};

export async function presentedCode(input: RequestInput, ctx: HandlerContext): Promise<Presented> {
  const store = await storeContextOf(ctx.sql, input.storeId, input.tillId);
  const code = normalizeCode(input.code);
  const requestReasons: Reason[] = [];
  let customer: Customer | null = null;
  if (input.customer) {
    customer = await findCustomerByRef(ctx.sql, input.customer);
    if (!customer) {
      requestReasons.push(
        reason(
          'CUSTOMER_NOT_FOUND',
          `No customer with ${refToString(input.customer)}; check the identifier or register the customer`,
          'customer',
        ),
      );
    }
  }
  const at = input.at ? new Date(input.at).toISOString() : ctx.now().toISOString();
  return {
    code,
    store,
    customer,
    requestReasons,
    request: {
      at,
      store,
      billAmount: input.billAmount,
      currency: input.currency ?? store.currency,
      items: input.items,
      code,
    },
  };
}

/** Rates are read only when a conversion can happen (some currency differs from the store's). */
export async function ratesFor(sql: SqlPort, offer: Offer, p: Presented): Promise<CurrencyRate[]> {
  const currencies = new Set([p.store.currency, p.request.currency]);
  const d = offer.discount;
  if (d.type === 'FIXED') currencies.add(d.currency);
  else if (d.maxDiscountCurrency !== null) currencies.add(d.maxDiscountCurrency);
  return currencies.size > 1 ? loadCurrencyRates(sql) : [];
}

/**
 * Why a code found no coupon row: unknown code; a randomized code not materialized here; or an
 * offer's common code nobody has been issued (even where anyone may redeem, the seed has the
 * code issued to at least one customer first, so it is refused with that reason, not redeemed).
 */
export function notFoundReasons(p: Presented, found: FoundCoupon | null): Reason[] {
  if (found !== null && found.randomized === null) {
    return [
      reason(
        'COUPON_NOT_ISSUED',
        `Code ${p.code} is the common code of offer "${found.offer.name}", which has not been issued to any customer yet; issue it to at least one customer before anyone can redeem it`,
        'code',
      ),
    ];
  }
  if (found?.randomized) {
    const { index, issuedUpTo } = found.randomized;
    return index < issuedUpTo
      ? [
          reason(
            'COUPON_NOT_SYNCED',
            `Code ${p.code} of offer "${found.offer.name}" was issued, but its coupon has not reached this till yet; sync the till and try again`,
            'code',
          ),
        ]
      : [
          reason(
            'COUPON_NOT_ISSUED',
            `Code ${p.code} belongs to offer "${found.offer.name}" but has not been issued to any customer yet`,
            'code',
          ),
        ];
  }
  return [
    reason(
      'CODE_NOT_FOUND',
      `Code ${p.code} is not a coupon code of any offer; check the code as typed`,
      'code',
    ),
  ];
}

/** The engine's verdict plus the request's own problems, each reported once. */
export function evaluate(facts: RedemptionFacts, p: Presented): Result<DiscountResult> {
  const result = checkRedemption(facts, p.request);
  if (p.requestReasons.length === 0) return result;
  const engineReasons = result.ok ? [] : result.reasons;
  // An unknown customer is already said; "identify the customer" would repeat it.
  const rest = engineReasons.filter((r) => r.code !== 'CUSTOMER_REQUIRED');
  return { ok: false, reasons: [...p.requestReasons, ...rest] };
}
