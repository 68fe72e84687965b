/**
 * Words people know in place of what the API and the database say: field keys, identifier
 * prefixes, ids and status codes never reach the screen as they are. The hub's messages are
 * written for people already; this only removes the machine parts around them.
 */
const fieldNames: Record<string, string> = {
  billAmount: 'Bill amount',
  consumerId: 'Campaign or programme ID',
  consumerType: 'Used by',
  consumerName: 'Name',
  customerId: 'Customer',
  customer: 'Customer',
  offerId: 'Offer',
  storeId: 'Store',
  tillId: 'Till',
  couponId: 'Coupon',
  code: 'Coupon code',
  codes: 'Coupon codes',
  issuedAt: 'Issued on',
  endsAt: 'Expiry date',
  expiry: 'Expiry',
  minBill: 'Minimum bill',
  maxBill: 'Maximum bill',
  maxDiscount: 'Maximum discount',
  maxDiscountCurrency: 'Currency of the maximum',
  currency: 'Currency',
  reason: 'Reason',
  mode: 'What to revoke',
  mobile: 'Mobile number',
  email: 'Email',
  userId: 'User ID',
  externalId: 'External ID',
  expectedVersion: 'Version',
  csv: 'CSV file',
  syncToInStoreByDefault: 'New offers sync to in-store tills',
};

/** "redemption.minBill" → "Minimum bill"; an unknown key is split into words. */
export function fieldName(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  const known = fieldNames[last];
  if (known) return known;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .replace(/\bId\b/g, 'ID')
    .toLowerCase()
    .replace(/\bid\b/g, 'ID');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const identifierWords: Record<string, string> = {
  userId: 'user ID',
  email: 'email',
  mobile: 'mobile number',
  externalId: 'external ID',
};

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const thing =
  /\b(customer|offer|coupon|store|till|item|redemption|upload|user)\s+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A message with field keys named, identifier prefixes spelled out and ids left out. */
export function plainMessage(text: string): string {
  return text
    .split(/;\s+/)
    .map((part) => {
      const m = /^([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*): (.*)$/s.exec(part);
      return m ? `${fieldName(m[1] ?? '')}: ${m[2] ?? ''}` : part;
    })
    .join('; ')
    .replace(
      /\b(userId|email|mobile|externalId):(?=\S)/g,
      (_, k: string) => `${identifierWords[k]} `,
    )
    .replace(thing, (_, t: string) => `this ${t.toLowerCase()}`)
    .replace(/(^|[.;!?]\s+)this /g, (_, lead: string) => `${lead}This `)
    .replace(uuid, '')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\s*\(?\b[A-Z]{2,}(?:_[A-Z]+)+\b\)?:?/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export const uploadStatusWords: Record<string, string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'In progress',
  DONE: 'Finished',
  FAILED: 'Failed',
};

export const couponStatusWords: Record<string, string> = {
  UNISSUED: 'Not issued yet',
  ACTIVE: 'Active',
  REDEEMED: 'Redeemed',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

/** "1 coupon", "2 coupons": never "1 items". */
export const countOf = (
  n: number,
  one: string,
  many = `${one}s`,
  format: (n: number) => string = String,
): string => `${format(n)} ${n === 1 ? one : many}`;
