import { Decimal } from 'decimal.js';
import type { Offer } from '../domain/offer';
import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';
import { parseMoney } from './money';
import type { BasketItem } from './types';

type Applicability = Offer['applicability'];

/**
 * Categories, brands and attribute names and values are words a cashier types or a till's
 * product feed spells its own way: compared trimmed and case-insensitively. SKUs are codes and
 * must match exactly.
 */
const fold = (s: string): string => s.trim().toLowerCase();
const hasWord = (words: readonly string[], word: string | undefined): boolean =>
  word !== undefined && words.some((w) => fold(w) === fold(word));

/** A selected-products offer applies to an item matching ANY selected category/brand/attribute/SKU. */
export const matchesApplicability = (scope: Applicability, item: BasketItem): boolean => {
  if (scope.scope === 'ALL') return true;
  if (scope.skus.includes(item.sku)) return true;
  if (hasWord(scope.categories, item.category) || hasWord(scope.brands, item.brand)) return true;
  const attrs = Object.entries(item.attributes ?? {});
  if (attrs.length === 0) return false;
  return scope.attributes.some((a) =>
    attrs.some(([name, value]) => fold(name) === fold(a.name) && fold(value) === fold(a.value)),
  );
};

/**
 * "Applicable on sale items" lets on-sale lines of the selection count; it never adds products
 * outside it (docs/rules.md, "Which basket lines an offer applies to").
 */
export const isItemEligible = (offer: Offer, item: BasketItem): boolean =>
  (offer.applicableOnSale || item.onSale !== true) &&
  matchesApplicability(offer.applicability, item);

/**
 * The amount the discount may apply to, never more than the bill. With no basket lines only an
 * all-products offer can be priced (the whole bill); a selected-products offer cannot.
 */
export const eligibleAmount = (
  offer: Offer,
  items: readonly BasketItem[],
  bill: Decimal,
): Result<Decimal> => {
  if (items.length === 0) {
    if (offer.applicability.scope === 'ALL') return ok(bill);
    return fail(
      reason(
        'ITEMS_REQUIRED',
        'This offer applies only to selected products: scan the basket items to price it',
        'items',
      ),
    );
  }
  const reasons: Reason[] = [];
  let sum = new Decimal(0);
  let anyEligible = false;
  items.forEach((item, i) => {
    const price = parseMoney(item.price);
    const qtyOk = Number.isFinite(item.qty) && item.qty > 0;
    if (price === null || !qtyOk) {
      reasons.push(
        reason(
          'INVALID_ITEM',
          `Basket line ${i + 1} (SKU "${item.sku}") needs a price such as 99.50 and a quantity above 0`,
          `items[${i}]`,
        ),
      );
      return;
    }
    if (!isItemEligible(offer, item)) return;
    anyEligible = true;
    sum = sum.add(price.mul(new Decimal(item.qty)));
  });
  if (reasons.length > 0) return fail(...reasons);
  if (!anyEligible) {
    const sale = offer.applicableOnSale ? '' : ' (items on sale do not count)';
    return fail(
      reason('NO_ELIGIBLE_ITEMS', `No item in this basket qualifies for the offer${sale}`, 'items'),
    );
  }
  return ok(Decimal.min(sum, bill));
};
