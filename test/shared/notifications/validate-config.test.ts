import { describe, expect, it } from 'vitest';
import { offerInput, type OfferInput } from '#shared/domain/offer';
import { checkNotificationConfig } from '#shared/notifications/validate-config';

const config = (issuance: OfferInput['issuance']) =>
  offerInput.parse({
    name: 'Ten off',
    expiry: { type: 'FIXED_DATE', endsAt: '2025-12-31T18:29:59.000Z' },
    discount: { type: 'FIXED', amount: '100', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    issuance,
  });

const reminder = (over: Record<string, unknown>) => ({
  daysBefore: 3,
  channel: 'SMS' as const,
  sendTime: '10:00',
  template: 'Hi {customer_name}, {code} expires on {expiry_date}',
  allowUnicode: false,
  ...over,
});

describe('notification settings checked at save time', () => {
  it('accepts a complete, valid configuration', () => {
    expect(
      checkNotificationConfig(
        config({
          totalLimit: 100,
          notifyThreshold: 10,
          notifyEmails: ['brand@example.com'],
          resendSms: { enabled: true, content: 'Your code {{code}}', allowUnicode: false },
          expiryReminders: [
            reminder({}),
            reminder({ channel: 'EMAIL', template: '₹ off {discount}' }),
          ],
          offerExpiryReminder: { enabled: true, pocEmails: ['poc@example.com'], daysBefore: 2 },
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a non-GSM character in an SMS without Unicode, naming the field, character and fix', () => {
    const reasons = checkNotificationConfig(
      config({
        expiryReminders: [reminder({}), reminder({ template: 'Save ₹100 with {code}' })],
        resendSms: { enabled: true, content: 'Code “{code}”', allowUnicode: false },
      }),
    );
    expect(reasons).toEqual([
      {
        code: 'NON_GSM_CHARACTER',
        field: 'issuance.expiryReminders.1.template',
        message: expect.stringMatching(/Expiry reminder 2 .*"₹" at position 6.*Allow Unicode/),
      },
      {
        code: 'NON_GSM_CHARACTER',
        field: 'issuance.resendSms.content',
        message: expect.stringContaining('"“" at position 6'),
      },
    ]);
    // The same text is fine once Unicode is allowed, and in an email.
    expect(
      checkNotificationConfig(
        config({ expiryReminders: [reminder({ template: 'Save ₹100', allowUnicode: true })] }),
      ),
    ).toEqual([]);
  });

  it('refuses unknown tags and lists the real ones', () => {
    const [r] = checkNotificationConfig(
      config({ expiryReminders: [reminder({ channel: 'EMAIL', template: 'Hi {name} {coupon}' })] }),
    );
    expect(r).toMatchObject({
      code: 'UNKNOWN_TEMPLATE_TAG',
      field: 'issuance.expiryReminders.0.template',
    });
    expect(r?.message).toContain('{name}, {coupon}');
    expect(r?.message).toContain('{customer_name} {code} {expiry_date} {offer_name} {discount}');
  });

  it('needs somewhere to send: resend text, POCs, and a limit for the alert', () => {
    const reasons = checkNotificationConfig(
      config({
        notifyThreshold: 5,
        resendSms: { enabled: true, content: '  ', allowUnicode: false },
        offerExpiryReminder: { enabled: true, pocEmails: [], daysBefore: 1 },
      }),
    );
    expect(reasons.map((r) => r.field)).toEqual([
      'issuance.resendSms.content',
      'issuance.offerExpiryReminder.contactIds',
      'issuance.notifyThreshold',
    ]);
  });
});
