import { DateTime } from 'luxon';
import { firstNonGsm } from '#shared/notifications/gsm';
import { describeDiscount, renderSms } from '#shared/notifications/messages';
import { messageDate } from '#shared/notifications/schedule';
import {
  renderTemplate,
  TEMPLATE_TAGS,
  unknownTags,
  type TemplateTag,
  type TemplateValues,
} from '#shared/notifications/template';
import type { OfferDraft } from './offer-form-model';

/** What each tag becomes when a message is sent (docs/notifications.md), for the editor's help. */
export const tagMeanings: Record<TemplateTag, string> = {
  customer_name: 'the customer’s name, or “Customer” when none is recorded',
  code: 'the coupon code',
  expiry_date: 'the coupon’s expiry date, e.g. 17 Mar 2025',
  offer_name: 'the offer’s name',
  discount: 'INR 100, 20%, or 20% (up to INR 500)',
};
export const templateTags = TEMPLATE_TAGS;

const sampleCode = (g: OfferDraft['codeGeneration']): string => {
  switch (g.method) {
    case 'COMMON':
      return g.code || 'FLAT500';
    case 'RANDOMIZED_COMMON':
      return g.sample.toUpperCase();
    case 'UPLOADED':
      return 'PARTNER123';
    case 'UNIQUE_AUTO': {
      // A fixed, readable stand-in of the configured length: the preview must not change on
      // every keystroke, and the real code is only made when a coupon is issued.
      const pool = g.charset === 'NUMERIC' ? '4821907356' : 'K7Q2M9X4TB8R';
      const body = Array.from({ length: g.length }, (_, i) => pool[i % pool.length]).join('');
      return `${g.prefix}${body}${g.suffix}`;
    }
  }
};

/** When a coupon issued now would expire, for the sample {expiry_date}. */
const sampleExpiry = (d: OfferDraft, now: DateTime): string => {
  const offerEnd = d.expiry.endsAt ? DateTime.fromISO(d.expiry.endsAt) : null;
  let end: DateTime;
  switch (d.couponExpiry.type) {
    case 'DAYS_FROM_ISSUE':
      end = now.plus({ days: d.couponExpiry.days }).endOf('day');
      break;
    case 'MONTH_ENDS_FROM_ISSUE':
      end = now.plus({ months: d.couponExpiry.months }).endOf('month');
      break;
    default:
      end = offerEnd ?? now.plus({ days: 30 });
  }
  // Never later than the offer's end (docs/architecture.md, "Domain").
  if (offerEnd?.isValid && offerEnd < end) end = offerEnd;
  return end.toUTC().toISO() ?? now.toUTC().toISO() ?? '';
};

/**
 * Values for the live preview: the draft's own name, discount and code shape, a sample
 * customer, and the expiry a coupon issued now would get, as a date in the viewer's zone.
 */
export const sampleValues = (d: OfferDraft, now: Date): TemplateValues => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const at = DateTime.fromJSDate(now, { zone });
  return {
    customer_name: 'Priya',
    code: sampleCode(d.codeGeneration),
    expiry_date: messageDate(sampleExpiry(d, at), zone),
    offer_name: d.name.trim() || 'Your offer',
    discount: describeDiscount(d.discount),
  };
};

/** The GSM escape characters: allowed in a plain SMS, but each takes two of its 160 places. */
const doubleWidth = new Set([...'\f^{}\\[~]|€']);

export type SmsFacts = {
  /** The text as the gateway would get it. */
  text: string;
  encoding: 'GSM' | 'UNICODE';
  /** GSM septets, or UTF-16 units for Unicode: what the gateway bills by. */
  length: number;
  parts: number;
};

/** Length and parts of an SMS: 160/153 GSM characters per part, 70/67 Unicode. */
export const smsFacts = (text: string): SmsFacts => {
  const unicode = firstNonGsm(text) !== null;
  if (unicode) {
    const length = text.length;
    return { text, encoding: 'UNICODE', length, parts: length <= 70 ? 1 : Math.ceil(length / 67) };
  }
  let length = 0;
  for (const ch of text) length += doubleWidth.has(ch) ? 2 : 1;
  return { text, encoding: 'GSM', length, parts: length <= 160 ? 1 : Math.ceil(length / 153) };
};

export type TemplateCheck = {
  /** Tags in braces that are not tags ("expiry" for "{expiry}"). */
  unknown: string[];
  /** The first character a plain SMS cannot carry, in the template itself. */
  nonGsm: { char: string; index: number } | null;
  /** The message with the sample values, as it would be sent. */
  preview: string;
  /** SMS only: encoding, length and parts of the preview. */
  sms: SmsFacts | null;
};

/**
 * Everything the editor shows live under a message: unknown tags, the first non-GSM character
 * (which the hub refuses at save time unless Unicode is allowed), the rendered preview and its
 * SMS length. The same functions as the hub, so what is shown is what would be sent.
 */
export const checkTemplate = (
  template: string,
  channel: 'SMS' | 'EMAIL',
  allowUnicode: boolean,
  values: TemplateValues,
): TemplateCheck => {
  const unknown = unknownTags(template);
  if (channel === 'EMAIL') {
    return { unknown, nonGsm: null, preview: renderTemplate(template, values), sms: null };
  }
  const nonGsm = firstNonGsm(template);
  // Without Unicode the hub refuses such a template; preview it as typed so the person sees it.
  const text =
    nonGsm !== null && !allowUnicode
      ? renderTemplate(template, values)
      : renderSms(template, values, allowUnicode).text;
  return { unknown, nonGsm, preview: text, sms: smsFacts(text) };
};
