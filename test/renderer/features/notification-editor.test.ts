import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstNonGsm } from '#shared/notifications/gsm';
import { areasFor, mayCall } from '#renderer/features/auth/permissions';
import { checkTemplate, sampleValues, smsFacts } from '#renderer/features/offers/message-preview';
import { describeKind, totalOf, whyOf } from '#renderer/features/offers/notification-labels';
import { defaultDraft, validateDraft } from '#renderer/features/offers/offer-form-model';
import { summarizeOffer } from '#renderer/features/offers/offer-summary';
import { blankReminder, maxReminders } from '#renderer/features/offers/RemindersField';

const now = new Date('2025-03-01T10:00:00Z');
const draft = () => ({ ...defaultDraft(now), name: 'Spring sale' });
const values = sampleValues(draft(), now);

describe('message preview', () => {
  it('fills every tag with values taken from the draft', () => {
    const d = {
      ...draft(),
      codeGeneration: { method: 'COMMON' as const, code: 'SPRING25' },
      discount: {
        type: 'PERCENT' as const,
        percent: '20',
        maxDiscount: '500',
        maxDiscountCurrency: 'INR',
      },
    };
    const v = sampleValues(d, now);
    const out = checkTemplate(
      'Hi {customer_name}, {{code}} gives {discount} on {offer_name} until {expiry_date}',
      'SMS',
      false,
      v,
    );
    expect(out.unknown).toEqual([]);
    expect(out.preview).toBe(
      `Hi Priya, SPRING25 gives 20% (up to INR 500) on Spring sale until ${v.expiry_date}`,
    );
    expect(v.expiry_date).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  });

  it('shapes the sample code like the configured unique codes', () => {
    const d = {
      ...draft(),
      codeGeneration: {
        method: 'UNIQUE_AUTO' as const,
        length: 8,
        charset: 'NUMERIC' as const,
        customCharset: null,
        prefix: 'WEL',
        suffix: 'X',
      },
    };
    expect(sampleValues(d, now).code).toMatch(/^WEL\d{8}X$/);
  });

  it('never dates a sample coupon past the offer’s end', () => {
    const d = draft();
    const ends = '2025-03-05T18:00:00Z';
    const v = sampleValues(
      {
        ...d,
        expiry: { type: 'FIXED_DATE', endsAt: ends },
        couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 },
      },
      now,
    );
    // 5 or 6 March depending on the viewer's zone; never 31 March.
    expect(v.expiry_date).toMatch(/^[56] Mar 2025$/);
  });

  it('names unknown tags and the first character a plain SMS cannot carry', () => {
    const out = checkTemplate('Save ₹100 with {code} before {expiry}', 'SMS', false, values);
    expect(out.unknown).toEqual(['expiry']);
    expect(out.nonGsm).toEqual({ char: '₹', index: 5 });
    // Shown as typed: the hub would refuse it, not rewrite it.
    expect(out.preview).toContain('₹100');
    expect(out.sms?.encoding).toBe('UNICODE');
  });

  it('with Unicode allowed, sends the text as Unicode and counts 70 a part', () => {
    const text = `नमस्ते {customer_name} ${'x'.repeat(70)}`;
    const out = checkTemplate(text, 'SMS', true, values);
    expect(out.nonGsm?.char).toBe('न');
    expect(out.sms).toMatchObject({ encoding: 'UNICODE', parts: 2 });
  });

  it('reduces filled-in values to GSM when Unicode is not allowed', () => {
    const v = { ...values, customer_name: 'Zoë “Z”' };
    const out = checkTemplate('Hi {customer_name}', 'SMS', false, v);
    expect(out.nonGsm).toBeNull();
    expect(out.preview).toBe('Hi Zoe "Z"');
    expect(out.sms?.encoding).toBe('GSM');
  });

  it('does not judge email text by the SMS alphabet', () => {
    const out = checkTemplate('Save ₹100, {customer_name}', 'EMAIL', false, values);
    expect(out.nonGsm).toBeNull();
    expect(out.sms).toBeNull();
    expect(out.preview).toBe('Save ₹100, Priya');
  });

  it('counts SMS parts: 160/153 plain, escapes count twice, 70/67 Unicode', () => {
    expect(smsFacts('a'.repeat(160))).toMatchObject({ encoding: 'GSM', length: 160, parts: 1 });
    expect(smsFacts('a'.repeat(161))).toMatchObject({ parts: 2 });
    expect(smsFacts('€'.repeat(80))).toMatchObject({ encoding: 'GSM', length: 160, parts: 1 });
    expect(smsFacts('€'.repeat(81))).toMatchObject({ length: 162, parts: 2 });
    expect(smsFacts('ü'.repeat(306))).toMatchObject({ parts: 2 });
    expect(smsFacts('ü'.repeat(307))).toMatchObject({ parts: 3 });
    expect(smsFacts('₹'.repeat(70))).toMatchObject({ encoding: 'UNICODE', parts: 1 });
    expect(smsFacts('₹'.repeat(71))).toMatchObject({ parts: 2 });
  });

  it('agrees with the hub on the encoding of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const facts = smsFacts(s);
        expect(facts.encoding === 'GSM').toBe(firstNonGsm(s) === null);
        const per = facts.encoding === 'GSM' ? [160, 153] : [70, 67];
        if (facts.parts === 1) expect(facts.length).toBeLessThanOrEqual(per[0]!);
        else {
          expect(facts.length).toBeGreaterThan(per[0]!);
          expect(facts.length).toBeLessThanOrEqual(facts.parts * per[1]!);
          expect(facts.length).toBeGreaterThan((facts.parts - 1) * per[1]!);
        }
      }),
    );
  });
});

describe('offer editor checks the messages before saving', () => {
  it('puts template problems at the paths the hub uses', () => {
    const d = draft();
    const errs = validateDraft({
      ...d,
      issuance: {
        ...d.issuance,
        expiryReminders: [
          {
            daysBefore: 3,
            channel: 'SMS',
            sendTime: '10:00',
            template: 'ok {code}',
            allowUnicode: false,
          },
          {
            daysBefore: 1,
            channel: 'SMS',
            sendTime: '10:00',
            template: 'Rs ₹ {code}',
            allowUnicode: false,
          },
          {
            daysBefore: 0,
            channel: 'EMAIL',
            sendTime: '09:00',
            template: 'see {expiry}',
            allowUnicode: false,
          },
        ],
        resendSms: { enabled: true, content: '  ', allowUnicode: false },
        offerExpiryReminder: { enabled: true, contactIds: [], pocEmails: [], daysBefore: 2 },
      },
    });
    expect(Object.keys(errs).sort()).toEqual([
      'issuance.expiryReminders.1.template',
      'issuance.expiryReminders.2.template',
      'issuance.offerExpiryReminder.contactIds',
      'issuance.resendSms.content',
    ]);
    expect(errs['issuance.expiryReminders.1.template']).toContain('"₹" at position 4');
    expect(errs['issuance.expiryReminders.2.template']).toContain('{expiry}');
  });

  it('accepts Unicode where it is allowed', () => {
    const d = draft();
    const errs = validateDraft({
      ...d,
      issuance: {
        ...d.issuance,
        expiryReminders: [
          {
            daysBefore: 3,
            channel: 'SMS',
            sendTime: '10:00',
            template: '₹ {code}',
            allowUnicode: true,
          },
        ],
      },
    });
    expect(errs).toEqual({});
  });

  it('reports schema problems first, at their field', () => {
    const d = draft();
    const errs = validateDraft({
      ...d,
      issuance: {
        ...d.issuance,
        expiryReminders: [
          { daysBefore: 3, channel: 'SMS', sendTime: '25:00', template: '₹', allowUnicode: false },
        ],
      },
    });
    expect(Object.keys(errs)).toEqual(['issuance.expiryReminders.0.sendTime']);
  });

  it('adds reminders with a lead time not used yet, and a template the hub accepts', () => {
    const list: ReturnType<typeof blankReminder>[] = [];
    for (let i = 0; i < maxReminders; i += 1) list.push(blankReminder(list));
    expect(new Set(list.map((r) => r.daysBefore)).size).toBe(maxReminders);
    const d = draft();
    expect(validateDraft({ ...d, issuance: { ...d.issuance, expiryReminders: list } })).toEqual({});
  });

  it('summarises the alert, the offer expiry reminder and the resend text', () => {
    const d = draft();
    const rows = Object.fromEntries(
      summarizeOffer(
        {
          ...d,
          issuance: {
            ...d.issuance,
            totalLimit: 1000,
            notifyThreshold: 100,
            notifyEmails: ['brand@example.com'],
            offerExpiryReminder: {
              enabled: true,
              contactIds: [],
              pocEmails: ['poc@example.com'],
              daysBefore: 2,
            },
            resendSms: { enabled: true, content: 'Your code {code}', allowUnicode: false },
          },
        },
        (iso) => iso,
      )[3]!.rows,
    );
    expect(rows['Issual limit alert']).toBe('At 100 remaining, to brand@example.com');
    expect(rows['Offer expiry reminder']).toBe('2d before at 10:00 org time, to poc@example.com');
    expect(rows['Resend SMS']).toBe('“Your code {code}”');
  });
});

describe('notification log labels', () => {
  it('names each row and says why it is where it is', () => {
    expect(describeKind({ kind: 'COUPON_EXPIRY', reminderIndex: 1 })).toBe(
      'Coupon expiry reminder 2',
    );
    expect(describeKind({ kind: 'RESEND', reminderIndex: 3 })).toBe('Resend #3');
    expect(describeKind({ kind: 'ISSUAL_LIMIT', reminderIndex: 1 })).toBe('Issual limit alert');
    expect(whyOf({ status: 'SKIPPED', skipReason: 'Coupon was redeemed', lastError: 'x' })).toBe(
      'Coupon was redeemed',
    );
    expect(whyOf({ status: 'FAILED', skipReason: null, lastError: 'Refused' })).toBe('Refused');
    expect(whyOf({ status: 'SENT', skipReason: null, lastError: null })).toBe('');
    expect(totalOf({ PENDING: 2, SENT: 3, SKIPPED: 1 })).toBe(6);
  });
});

describe('who may resend', () => {
  it('follows the operation’s roles, and store managers reach member care', () => {
    expect(mayCall('store_manager', 'coupons-resend')).toBe(true);
    expect(mayCall('back_office', 'coupons-resend')).toBe(true);
    expect(mayCall('cashier', 'coupons-resend')).toBe(false);
    expect(mayCall(undefined, 'coupons-resend')).toBe(false);
    expect(areasFor('store_manager')).toContain('member-care');
  });
});
