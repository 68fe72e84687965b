import { Decimal } from 'decimal.js';
import type { IdentifierKind } from '#shared/domain/customer';
import type { OpInput, OpOutput } from '#shared/api/operations';
import { parseAttributes } from './basket-attributes';

export type BasketLine = {
  key: string;
  sku: string;
  category: string;
  brand: string;
  /** As typed, "colour=red, size=M"; absent in baskets saved before lines had attributes. */
  attributes?: string;
  price: string;
  qty: number;
  onSale: boolean;
};

export type LookedUpCustomer = OpOutput<'customers-get'>;
export type Validation = OpOutput<'redemptions-validate'>;

/**
 * The open sale at the till. It is saved on every change so a crash loses nothing, and it
 * carries the idempotency key of its redemption so a retry after a crash never redeems twice.
 */
export type Basket = {
  clientId: string;
  startedAt: string;
  code: string;
  customerKind: IdentifierKind;
  customerValue: string;
  customer: LookedUpCustomer | null;
  billAmount: string;
  lines: BasketLine[];
  /** The last validation of exactly these inputs; cleared whenever an input changes. */
  validation: Validation | null;
  /** A redeem was sent and its outcome is unknown (crash, lost connection): retry with the same id. */
  redeemPending: boolean;
};

export type TillContext = {
  storeId: string;
  storeName: string;
  tillId: string;
  tillName: string;
  currency: string | null;
};

export const newBasket = (clientId: string, now: Date): Basket => ({
  clientId,
  startedAt: now.toISOString(),
  code: '',
  customerKind: 'mobile',
  customerValue: '',
  customer: null,
  billAmount: '',
  lines: [],
  validation: null,
  redeemPending: false,
});

/** Codes are typed or scanned; stored upper-case without surrounding spaces. */
export const normalizeCode = (raw: string): string => raw.toUpperCase().replace(/\s+/g, '');

export const moneyPattern = /^\d{1,15}(\.\d{1,6})?$/;

const scale = (s: string): number => (s.includes('.') ? (s.split('.')[1] ?? '').length : 0);

/** Sum of price × qty over lines with a valid price, exact; null if there are none. */
export const linesTotal = (lines: readonly BasketLine[]): string | null => {
  const priced = lines.filter((l) => l.sku.trim() && moneyPattern.test(l.price) && l.qty > 0);
  if (priced.length === 0) return null;
  const sum = priced.reduce(
    (acc, l) => acc.plus(new Decimal(l.price).times(l.qty)),
    new Decimal(0),
  );
  return sum.toFixed(Math.max(2, ...priced.map((l) => scale(l.price))));
};

/** Bill minus discount, never below zero, exact. */
export const amountToPay = (bill: string, discount: string): string => {
  if (!moneyPattern.test(bill) || !/^-?\d+(\.\d+)?$/.test(discount)) return bill;
  const rest = Decimal.max(new Decimal(bill).minus(discount), 0);
  return rest.toFixed(Math.max(2, scale(bill), scale(discount)));
};

export const customerRefOf = (
  b: Pick<Basket, 'customerKind' | 'customerValue'>,
): Record<string, string> | undefined => {
  const value = b.customerValue.trim();
  return value ? { [b.customerKind]: value } : undefined;
};

/** The lookup key customers-get takes: "email:…", "mobile:…", "userId:…", "externalId:…". */
export const customerLookupRef = (b: Pick<Basket, 'customerKind' | 'customerValue'>): string =>
  `${b.customerKind}:${b.customerValue.trim()}`;

type RedemptionInput = OpInput<'redemptions-redeem'>;

/** The request validate and redeem both send; blank lines are left out. */
export const toRedemptionRequest = (b: Basket, till: TillContext): RedemptionInput => {
  const customer = customerRefOf(b) as RedemptionInput['customer'];
  const items = b.lines
    .filter((l) => l.sku.trim() !== '')
    .map((l) => {
      const { attributes } = parseAttributes(l.attributes ?? '');
      return {
        sku: l.sku.trim(),
        ...(l.category.trim() ? { category: l.category.trim() } : {}),
        ...(l.brand.trim() ? { brand: l.brand.trim() } : {}),
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
        price: l.price.trim(),
        qty: l.qty,
        onSale: l.onSale,
      };
    });
  return {
    code: normalizeCode(b.code),
    ...(customer ? { customer } : {}),
    billAmount: b.billAmount.trim(),
    ...(till.currency ? { currency: till.currency } : {}),
    storeId: till.storeId,
    tillId: till.tillId,
    items,
    clientId: b.clientId,
  };
};

/** Inputs changed: any earlier validation no longer applies. */
export const editBasket = (b: Basket, patch: Partial<Basket>): Basket => ({
  ...b,
  ...patch,
  validation: null,
});

/**
 * After a redeem attempt failed: if the backend answered (the attempt definitely did not
 * record anything), the next attempt is a new one and gets a new id; if the outcome is unknown
 * the id is kept so the retry is recognised as the same redemption.
 */
export const afterRedeemFailure = (b: Basket, outcomeUnknown: boolean, newId: string): Basket =>
  outcomeUnknown ? { ...b, redeemPending: true } : { ...b, clientId: newId, redeemPending: false };
