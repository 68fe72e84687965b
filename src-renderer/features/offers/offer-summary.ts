import { formatMoney } from '#renderer/lib/money-format';
import { formatCalendarDate } from '#renderer/lib/time-format';
import type { ContactDef, MetadataFieldDef } from '../org-definitions/org-definitions-store';
import type { OfferDraft } from './offer-form-model';

export type SummarySection = { title: string; rows: [label: string, value: string][] };

const limit = (n: number | null, unit = '') => (n === null ? 'No limit' : `${n}${unit}`);
const list = (xs: readonly string[], none = 'None') => (xs.length ? xs.join(', ') : none);
const weekday = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const methodLabel = (g: OfferDraft['codeGeneration']): string => {
  switch (g.method) {
    case 'UNIQUE_AUTO':
      return `Unique codes, ${g.length} ${g.charset === 'NUMERIC' ? 'digits' : g.charset === 'CUSTOM' ? `characters of "${g.customCharset ?? ''}"` : 'letters and digits'}${g.prefix ? `, prefix ${g.prefix}` : ''}${g.suffix ? `, suffix ${g.suffix}` : ''}`;
    case 'COMMON':
      return `Common code ${g.code}`;
    case 'RANDOMIZED_COMMON':
      return `Randomized common codes like ${g.sample}`;
    case 'UPLOADED':
      return 'Uploaded codes';
  }
};

/**
 * The currency the offer's bill limits are in (engine/redemption-context.ts offerCurrency): the
 * fixed discount's, else the cap's; null means "the store's", which the editor cannot know.
 */
export const billCurrency = (d: OfferDraft['discount']): string | null =>
  d.type === 'FIXED' ? d.currency : d.maxDiscountCurrency;

/** Bill limits in the offer's currency, or plain where it is each store's own. */
const billMoney = (amount: string, currency: string | null): string =>
  currency ? formatMoney(amount, currency) : `${amount} in the store’s currency`;

export const discountLabel = (d: OfferDraft['discount']): string =>
  d.type === 'FIXED'
    ? `${formatMoney(d.amount, d.currency)} off`
    : `${d.percent}% off${d.maxDiscount ? `, at most ${billMoney(d.maxDiscount, d.maxDiscountCurrency)}` : ''}`;

const couponExpiryLabel = (c: OfferDraft['couponExpiry']): string =>
  c.type === 'WITH_OFFER'
    ? 'With the offer'
    : c.type === 'DAYS_FROM_ISSUE'
      ? `${c.days} days from issual, end of day`
      : `${c.months} month ends from issual`;

const startLabel = (s: OfferDraft['redemption']['start']): string =>
  s.type === 'AFTER_ISSUE'
    ? 'Right after issual'
    : s.type === 'DAYS_AFTER_ISSUE'
      ? `${s.days} days after issual`
      : `From ${formatCalendarDate(s.date)}`;

/** A plain-words account of every setting, for "Preview and save" and the configuration tab. */
export const summarizeOffer = (
  d: OfferDraft,
  fmt: (iso: string) => string,
  /** Names org entities (stores, zones…) by id; ids are shown when unknown. */
  nameOf: (id: string) => string = (id) => id,
  /** The org's metadata fields and points of contact, and chosen offers' names (when loaded). */
  defs: {
    fields: readonly MetadataFieldDef[];
    contacts: readonly ContactDef[];
    offerName?: (id: string) => string;
  } = { fields: [], contacts: [] },
): SummarySection[] => {
  const fieldName = (key: string) => defs.fields.find((f) => f.key === key)?.name ?? key;
  const people = (ids: readonly string[], emails: readonly string[]) =>
    list(
      [
        ...ids.map((id) => {
          const c = defs.contacts.find((x) => x.id === id);
          return c ? `${c.name} <${c.email}>` : 'a contact no longer on the list';
        }),
        ...emails,
      ],
      'nobody',
    );
  const refs = (xs: readonly { type: string; id: string }[]) =>
    xs.map((s) => `${nameOf(s.id)} (${s.type.toLowerCase()})`).join(', ');
  const r = d.redemption;
  const i = d.issuance;
  const money = (amount: string) => billMoney(amount, billCurrency(d.discount));
  const app = d.applicability;
  return [
    {
      title: 'Offer name & expiry',
      rows: [
        ['Name', d.name || '—'],
        ['Offer code', d.offerCode || 'Generated on save'],
        ['POS identifier', d.posIdentifier || '—'],
        [
          'Expires',
          d.expiry.type === 'FIXED_DATE'
            ? `On ${fmt(d.expiry.endsAt)}`
            : `With the campaign${d.expiry.endsAt ? ` (${fmt(d.expiry.endsAt)})` : ''}`,
        ],
        [
          'Metadata',
          list(
            Object.entries(d.metadata)
              .filter(([, v]) => v.trim() !== '')
              .map(([k, v]) => `${fieldName(k)}: ${v}`),
          ),
        ],
      ],
    },
    {
      title: 'Discount',
      rows: [
        ['Discount', discountLabel(d.discount)],
        [
          'Valid on',
          app.scope === 'ALL'
            ? 'All products'
            : [
                app.categories.length ? `categories ${app.categories.join(', ')}` : '',
                app.brands.length ? `brands ${app.brands.join(', ')}` : '',
                app.attributes.length
                  ? `attributes ${app.attributes.map((a) => `${a.name}=${a.value}`).join(', ')}`
                  : '',
                app.skus.length ? `${app.skus.length} SKUs` : '',
              ]
                .filter(Boolean)
                .join('; ') || 'Selected products (none chosen)',
        ],
        ['Sale items', d.applicableOnSale ? 'Included' : 'Excluded'],
      ],
    },
    {
      title: 'Coupon details',
      rows: [
        ['Delivery', d.delivery === 'SYSTEM' ? 'Through Counterfoil' : 'Through a third party'],
        ['Codes', methodLabel(d.codeGeneration)],
        ['Coupon expires', couponExpiryLabel(d.couponExpiry)],
        ['Specific customers only', i.specificCustomersOnly ? 'Yes' : 'No'],
      ],
    },
    {
      title: 'Issual & reminders',
      rows: [
        ['Max per customer', limit(i.maxPerCustomer)],
        ['Min gap between issuals', i.minGapDays === null ? 'None' : `${i.minGapDays} days`],
        ['Total issual limit', limit(i.totalLimit)],
        [
          'Issual limit alert',
          i.notifyThreshold === null
            ? 'None'
            : `At ${i.notifyThreshold} remaining, to ${people(i.notifyContactIds, i.notifyEmails)}`,
        ],
        [
          'On re-match',
          i.onRematch === 'SEND_EXISTING' ? 'Send existing valid coupon' : 'Send nothing',
        ],
        [
          'Past-issual restriction',
          i.restrictPastIssualsOfOfferIds.length === 0
            ? 'None'
            : `Not to customers who received a coupon of ${defs.offerName ? i.restrictPastIssualsOfOfferIds.map(defs.offerName).join(' or ') : i.restrictPastIssualsOfOfferIds.length === 1 ? 'the chosen offer' : `any of ${i.restrictPastIssualsOfOfferIds.length} chosen offers`} in the last 6 months`,
        ],
        [
          'Expiry reminders',
          i.expiryReminders.length
            ? i.expiryReminders
                .map((x) => `${x.daysBefore}d before by ${x.channel} at ${x.sendTime}`)
                .join('; ')
            : 'None',
        ],
        [
          'Offer expiry reminder',
          i.offerExpiryReminder.enabled
            ? `${i.offerExpiryReminder.daysBefore}d before at 10:00 org time, to ${people(i.offerExpiryReminder.contactIds, i.offerExpiryReminder.pocEmails)}`
            : 'None',
        ],
        ['Resend SMS', i.resendSms.enabled ? `“${i.resendSms.content}”` : 'Not allowed'],
      ],
    },
    {
      title: 'Redemption',
      rows: [
        ['Anyone may redeem', r.allowAnyone ? 'Yes' : 'Only the recipient'],
        ['Code limit', limit(r.codeLimit)],
        ['Customer limit', r.moreThanOnce ? limit(r.customerLimit) : 'Once'],
        ['Offer-wide limit', limit(r.seriesLimit)],
        ['Starts', startLabel(r.start)],
        ['Stores', r.stores.length ? refs(r.stores) : 'Any store'],
        [
          'Bill',
          `${r.minBill ? `from ${money(r.minBill)}` : 'any'}${r.maxBill ? ` up to ${money(r.maxBill)}` : ''}`,
        ],
        [
          'Days of week',
          r.daysOfWeek.length ? r.daysOfWeek.map((n) => weekday[n]).join(', ') : 'Every day',
        ],
        ['Days of month', r.daysOfMonth.length ? r.daysOfMonth.join(', ') : 'Every day'],
        ['Hours', r.hours.length ? r.hours.map((h) => `${h.from}–${h.to}`).join(', ') : 'All day'],
        ['Min gap between redemptions', r.minGapDays === null ? 'None' : `${r.minGapDays} days`],
        [
          'New customers only',
          r.newCustomers
            ? [
                r.newCustomers.registeredFrom
                  ? `registered from ${formatCalendarDate(r.newCustomers.registeredFrom)}`
                  : '',
                r.newCustomers.registeredTo
                  ? `to ${formatCalendarDate(r.newCustomers.registeredTo)}`
                  : '',
                r.newCustomers.maxTransactions !== null
                  ? `at most ${r.newCustomers.maxTransactions} transactions`
                  : '',
              ]
                .filter(Boolean)
                .join(', ') || 'Yes'
            : 'No',
        ],
      ],
    },
    {
      title: 'In-store',
      rows: [
        [
          'Sync to tills',
          d.syncToInStore.enabled
            ? d.syncToInStore.scope.length
              ? refs(d.syncToInStore.scope)
              : 'All stores'
            : 'No',
        ],
        [
          'Offline',
          d.offlinePolicy.mode === 'ALLOW'
            ? 'Redeem within the till’s share'
            : d.offlinePolicy.mode === 'UP_TO_BILL'
              ? `Only bills up to ${money(d.offlinePolicy.maxBill)}`
              : 'Online only',
        ],
      ],
    },
  ];
};
