const labels: Record<string, string> = {
  'offers-create': 'New offer',
  'offers-update': 'Offer edited',
  'offers-set-sync': 'Offer’s sync to tills changed',
  'uploads-create': 'Coupons uploaded',
  'audience-add': 'Customer added to an offer’s list',
  'audience-remove': 'Customer taken off an offer’s list',
  'redemption-stores-set': 'Stores allowing redemption set from a file',
  'coupons-revoke': 'Coupons revoked',
  'customers-create': 'New customer',
  'org-create': 'Store or till added',
  'org-settings-update': 'Offer defaults changed',
  'org-metadata-fields-set': 'Custom metadata fields changed',
  'org-contacts-set': 'Points of contact changed',
  'currency-rates-put': 'Currency rates updated',
};

/** A queued change in words, with the offer's name when the hub's answer carries one. */
export const commandLabel = (op: string, result: unknown): string => {
  const label = labels[op] ?? 'Back-office change';
  const r = result as { name?: unknown; offer?: { name?: unknown } } | null;
  const name = typeof r?.name === 'string' ? r.name : r?.offer?.name;
  return typeof name === 'string' ? `${label}: ${name}` : label;
};
