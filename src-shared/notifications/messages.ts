import type { Offer } from '../domain/offer';
import { firstNonGsm, toGsm } from './gsm';
import { messageDate } from './schedule';
import { renderTemplate, type TemplateValues } from './template';

/**
 * The words of every notification. Coupon messages come from the offer's templates; the
 * messages to brand and org POCs are fixed text with the numbers they need to act on.
 */
type Discount = Offer['discount'];

/** "INR 100" or "20% (up to INR 500)": ASCII only, so it fits a plain SMS. */
export function describeDiscount(d: Discount): string {
  if (d.type === 'FIXED') return `${d.currency} ${d.amount}`;
  if (d.maxDiscount === null) return `${d.percent}%`;
  const cap = [d.maxDiscountCurrency, d.maxDiscount].filter((p) => p !== null).join(' ');
  return `${d.percent}% (up to ${cap})`;
}

export type CouponFacts = {
  offer: Pick<Offer, 'name' | 'discount'>;
  code: string;
  expiresAt: string;
  customerName: string;
  /** The recipient's zone: the home store's, else the org's. */
  zone: string;
};

export function couponValues(f: CouponFacts): TemplateValues {
  return {
    customer_name: f.customerName.trim() === '' ? 'Customer' : f.customerName.trim(),
    code: f.code,
    expiry_date: messageDate(f.expiresAt, f.zone),
    offer_name: f.offer.name,
    discount: describeDiscount(f.offer.discount),
  };
}

/**
 * An SMS from a template. Without allowUnicode, filled-in values are reduced to GSM (the
 * template itself was refused at save time if it was not), so the gateway is never asked for
 * a Unicode message the offer did not allow. `unicode` is set only when the text needs it.
 */
export function renderSms(
  template: string,
  values: TemplateValues,
  allowUnicode: boolean,
): { text: string; unicode: boolean } {
  const text = allowUnicode
    ? renderTemplate(template, values)
    : toGsm(renderTemplate(template, values, toGsm));
  return { text, unicode: firstNonGsm(text) !== null };
}

export function couponReminderEmail(
  template: string,
  values: TemplateValues,
): { subject: string; text: string } {
  return {
    subject: `Your ${values.offer_name} coupon expires on ${values.expiry_date}`,
    text: renderTemplate(template, values),
  };
}

export type OfferFacts = {
  name: string;
  offerCode: string;
  endsAt: string;
  orgZone: string;
  issuedCount: number;
  redeemedCount: number;
  daysBefore: number;
};

export function offerExpiryEmail(f: OfferFacts): { subject: string; text: string } {
  const ends = messageDate(f.endsAt, f.orgZone);
  const days = f.daysBefore === 1 ? '1 day' : `${f.daysBefore} days`;
  return {
    subject: `Offer "${f.name}" (${f.offerCode}) ends on ${ends}`,
    text: [
      `Offer "${f.name}" (${f.offerCode}) ends on ${ends} (${f.orgZone}).`,
      `Coupons issued: ${f.issuedCount}. Redemptions: ${f.redeemedCount}.`,
      `You asked to be reminded ${days} before the offer ends. To keep it running, extend its expiry in the offer's settings.`,
    ].join('\n'),
  };
}

export type LimitFacts = {
  name: string;
  offerCode: string;
  totalLimit: number;
  issuedCount: number;
  threshold: number;
};

export function issualLimitEmail(f: LimitFacts): { subject: string; text: string } {
  const remaining = Math.max(0, f.totalLimit - f.issuedCount);
  const left = remaining === 1 ? '1 coupon' : `${remaining} coupons`;
  return {
    subject: `Offer "${f.name}" (${f.offerCode}): ${left} left to issue`,
    text: [
      `Offer "${f.name}" (${f.offerCode}) has issued ${f.issuedCount} of its ${f.totalLimit}-coupon issual limit.`,
      `${left} ${remaining === 1 ? 'remains' : 'remain'}, at or below your alert threshold of ${f.threshold}.`,
      "To keep issuing, raise the total issual limit in the offer's issuance settings.",
    ].join('\n'),
  };
}
