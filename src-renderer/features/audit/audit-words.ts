import { formatMoney } from '#renderer/lib/money-format';
import { formatInstant } from '#renderer/lib/time-format';
import { formatCount } from '#renderer/ui/format';
import { fieldName } from '#renderer/ui/plain-language';

/** What each audited action is called on screen. */
const actions: Record<string, string> = {
  'offer.create': 'Offer created',
  'offer.update': 'Offer changed',
  'offer.claim': 'Offer claimed',
  'offer.sync': 'In-store sync changed',
  'coupons.revoke': 'Coupons revoked',
  'coupons.upload-assign': 'Uploaded codes assigned',
  'coupon.resend': 'Coupon sent again',
  'customer.create': 'Customer registered',
  'upload.run': 'Upload processed',
  'audience.add': 'Customer added to the offer’s list',
  'audience.remove': 'Customer taken off the offer’s list',
  'lease.write_off': 'Offline allowance written off',
  'org.create': 'Added to the organisation',
  'org.settings': 'Organisation settings changed',
  'org.metadataFields.set': 'Custom metadata fields changed',
  'org.pointsOfContact.set': 'Points of contact changed',
  'rates.put': 'Exchange rates updated',
  'till.register': 'Till enrolled',
  'till.revoke': 'Till credential withdrawn',
  'user.create': 'Person added',
  'user.disable': 'Person disabled',
  'user.enable': 'Person enabled',
  'reconciliation.accept_write_off': 'Offline redemption accepted and written off',
  'reconciliation.reverse_redemption': 'Offline redemption reversed',
  'reconciliation.revoke_coupon': 'Coupon revoked after an offline redemption',
};

export const actionLabel = (action: string): string =>
  actions[action] ??
  fieldName(action.replace(/[._-]/g, ' ').replace(/ (\w)/g, (_, c: string) => c.toUpperCase()));

export const entityLabel = (type: string): string =>
  type === 'reconciliation_item' ? 'Offline redemption' : fieldName(type.replace(/_/g, ' '));

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keys that hold ids or bookkeeping, not something a person decides about. */
const hidden = /(^id$|Id$|Ids$|^version$|^codes$|^changes$|^fields$)/;
const maxItems = 5;

/** A value as words: dates in the org's zone, money in its currency, ids left out. */
export function valueText(v: unknown, zone: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return formatCount(v);
  if (typeof v === 'string') {
    if (uuid.test(v)) return '(an id)';
    // An enum value ("FIXED_DATE", "UNISSUED") in words; currency codes stay as they are.
    if (/^[A-Z][A-Z_]{3,}$/.test(v)) {
      const words = v.replace(/_/g, ' ').toLowerCase();
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
    return instant.test(v) ? formatInstant(v, zone) : v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none';
    const shown = v.slice(0, maxItems).map((x) => valueText(x, zone));
    return v.length > maxItems
      ? `${shown.join(', ')} and ${formatCount(v.length - maxItems)} more`
      : shown.join(', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.amount === 'string' && typeof o.currency === 'string') {
      return `${formatMoney(o.amount, o.currency)}${o.type === 'FIXED' ? ' off' : ''}`;
    }
    if (typeof o.percent === 'string') return `${o.percent}% off`;
    return Object.entries(o)
      .filter(([k, x]) => !hidden.test(k) && x !== null && !(Array.isArray(x) && x.length === 0))
      .map(([k, x]) => `${fieldName(k)} ${valueText(x, zone)}`)
      .join(', ');
  }
  return String(v);
}

/** An entry's details as lines: what changed, before → after, then the rest by name. */
export function detailLines(details: Record<string, unknown>, zone: string): string[] {
  const lines: string[] = [];
  const changes = details.changes;
  if (changes && typeof changes === 'object') {
    for (const [field, c] of Object.entries(changes as Record<string, unknown>)) {
      const { before, after } = (c ?? {}) as { before?: unknown; after?: unknown };
      lines.push(`${fieldName(field)}: ${valueText(before, zone)} → ${valueText(after, zone)}`);
    }
  } else if (Array.isArray(details.fields)) {
    lines.push(`Changed: ${details.fields.map((f) => fieldName(String(f))).join(', ')}`);
  }
  for (const [k, v] of Object.entries(details)) {
    if (hidden.test(k)) continue;
    lines.push(`${fieldName(k)}: ${valueText(v, zone)}`);
  }
  return lines;
}
