import { offerInput, type OfferConfig, type OfferInput } from '#shared/domain/offer';

/** A minimal valid offer config, with overrides. */
export function offerConfig(over: Partial<OfferInput> = {}): OfferConfig {
  return offerInput.parse({
    name: 'Ten off',
    expiry: { type: 'FIXED_DATE', endsAt: '2025-12-31T18:29:59.000Z' },
    discount: { type: 'FIXED', amount: '100', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    ...over,
  });
}

/**
 * Every setting set to something other than its default. `pastOfferIds` must name offers that
 * exist (create one first): an unknown id is refused.
 */
export function fullOfferInput(pastOfferIds: string[] = ['offer-old']): OfferInput {
  return {
    name: 'Diwali 20% up to 500',
    offerCode: 'DIWALI-2025',
    posIdentifier: 'POS-778',
    metadata: { campaign: 'diwali', owner: 'marketing' },
    expiry: { type: 'FIXED_DATE', endsAt: '2025-11-30T18:29:59.000Z' },
    discount: { type: 'PERCENT', percent: '20', maxDiscount: '500.00', maxDiscountCurrency: 'INR' },
    applicability: {
      scope: 'SELECTED',
      categories: ['apparel'],
      brands: ['Acme'],
      attributes: [{ name: 'color', value: 'red' }],
      skus: ['SKU-1', 'SKU-2'],
    },
    applicableOnSale: true,
    // Left at SYSTEM: third-party delivery cannot go with "allow anyone" (set below).
    delivery: 'SYSTEM',
    codeGeneration: {
      method: 'UNIQUE_AUTO',
      length: 10,
      charset: 'CUSTOM',
      customCharset: 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
      prefix: 'DW',
      suffix: 'X',
    },
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 15 },
    issuance: {
      specificCustomersOnly: true,
      maxPerCustomer: 2,
      minGapDays: 7,
      totalLimit: 10_000,
      notifyThreshold: 500,
      notifyEmails: ['ops@example.com'],
      restrictPastIssualsOfOfferIds: pastOfferIds,
      onRematch: 'SEND_EXISTING',
      resendSms: { enabled: true, content: 'Your code is {{code}}', allowUnicode: true },
      expiryReminders: [
        {
          daysBefore: 3,
          channel: 'SMS',
          sendTime: '10:00',
          template: 'Hurry',
          allowUnicode: false,
        },
      ],
      offerExpiryReminder: { enabled: true, pocEmails: ['poc@example.com'], daysBefore: 2 },
    },
    redemption: {
      allowAnyone: true,
      codeLimit: 3,
      customerLimit: 2,
      seriesLimit: 5000,
      moreThanOnce: true,
      start: { type: 'DAYS_AFTER_ISSUE', days: 2 },
      stores: [
        { type: 'ZONE', id: 'Z1' },
        { type: 'STORE', id: 'S3' },
      ],
      minBill: '999.00',
      maxBill: '50000.00',
      daysOfWeek: [5, 6, 7],
      daysOfMonth: [1, 15],
      hours: [{ from: '10:00', to: '22:00' }],
      minGapDays: 1,
      newCustomers: {
        registeredFrom: '2025-01-01',
        registeredTo: '2025-06-30',
        maxTransactions: 3,
      },
    },
    syncToInStore: { enabled: true, scope: [{ type: 'STORE', id: 'S1' }] },
    offlinePolicy: { mode: 'UP_TO_BILL', maxBill: '5000.00' },
  };
}
