import type { OfferInput } from '#shared/domain/offer';

/**
 * The end-to-end notification scenario shared by the in-process and the hub-process tests:
 * one offer with two coupon expiry reminders (SMS 3 days before at 10:00 with Unicode, email
 * 1 day before at 18:00), an issual-limit alert and an offer expiry reminder; three customers
 * in Kolkata, Dubai and the org zone; coupons issued on Mon 10 Mar 2025 at 09:00 IST that
 * expire at the end of 17 Mar (IST).
 */
export const ISSUE_AT = '2025-03-10T03:30:00.000Z';

export const offerInput: OfferInput = {
  name: 'Holi 100 off',
  offerCode: 'HOLI-25',
  expiry: { type: 'FIXED_DATE', endsAt: '2025-03-20T18:29:59.000Z' },
  discount: { type: 'FIXED', amount: '100', currency: 'INR' },
  codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
  couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 7 },
  issuance: {
    totalLimit: 4,
    notifyThreshold: 1,
    notifyEmails: ['brand@example.com'],
    expiryReminders: [
      {
        daysBefore: 3,
        channel: 'SMS',
        sendTime: '10:00',
        template: '{customer_name}, {code} = ₹100 off till {expiry_date} ✨',
        allowUnicode: true,
      },
      {
        daysBefore: 1,
        channel: 'EMAIL',
        sendTime: '18:00',
        template: 'Hi {customer_name}, {code} ({discount} off {offer_name}) ends {expiry_date}.',
        allowUnicode: false,
      },
    ],
    offerExpiryReminder: { enabled: true, pocEmails: ['poc@example.com'], daysBefore: 2 },
  },
};

export const customers = [
  { name: 'Ana', email: 'ana@example.com', mobile: '+919800000001', homeStoreId: 'S1' },
  { name: 'Omar', email: 'omar@example.com', mobile: '+971500000002', homeStoreId: 'S3' },
  { name: 'Zoë', email: 'zoe@example.com', mobile: '+919800000003', homeStoreId: null },
];

export type Arrival = { at: string; to: string; subject?: string; text: string; unicode?: boolean };

/** Every message the scenario must produce, each exactly once, with its fake-clock time. */
export function expectedArrivals(codes: Record<string, string>) {
  const c = (email: string) => codes[email] as string;
  const sms = (at: string, to: string, name: string, email: string): Arrival => ({
    at,
    to,
    text: `${name}, ${c(email)} = ₹100 off till 17 Mar 2025 ✨`,
    unicode: true,
  });
  const reminder = (at: string, name: string, email: string): Arrival => ({
    at,
    to: email,
    subject: 'Your Holi 100 off coupon expires on 17 Mar 2025',
    text: `Hi ${name}, ${c(email)} (INR 100 off Holi 100 off) ends 17 Mar 2025.`,
  });
  return {
    sms: [
      sms('2025-03-14T04:30:00.000Z', '+919800000001', 'Ana', 'ana@example.com'),
      sms('2025-03-14T04:30:00.000Z', '+919800000003', 'Zoë', 'zoe@example.com'),
      sms('2025-03-14T06:00:00.000Z', '+971500000002', 'Omar', 'omar@example.com'),
    ],
    email: [
      {
        at: ISSUE_AT,
        to: 'brand@example.com',
        subject: 'Offer "Holi 100 off" (HOLI-25): 1 coupon left to issue',
        text: [
          'Offer "Holi 100 off" (HOLI-25) has issued 3 of its 4-coupon issual limit.',
          '1 coupon remains, at or below your alert threshold of 1.',
          "To keep issuing, raise the total issual limit in the offer's issuance settings.",
        ].join('\n'),
      },
      reminder('2025-03-16T12:30:00.000Z', 'Ana', 'ana@example.com'),
      reminder('2025-03-16T12:30:00.000Z', 'Zoë', 'zoe@example.com'),
      reminder('2025-03-16T14:00:00.000Z', 'Omar', 'omar@example.com'),
      {
        at: '2025-03-18T04:30:00.000Z',
        to: 'poc@example.com',
        subject: 'Offer "Holi 100 off" (HOLI-25) ends on 20 Mar 2025',
        text: [
          'Offer "Holi 100 off" (HOLI-25) ends on 20 Mar 2025 (Asia/Kolkata).',
          'Coupons issued: 3. Redemptions: 0.',
          "You asked to be reminded 2 days before the offer ends. To keep it running, extend its expiry in the offer's settings.",
        ].join('\n'),
      },
    ],
  };
}

export const byAtThenTo = (a: Arrival, b: Arrival) =>
  a.at.localeCompare(b.at) || a.to.localeCompare(b.to);
