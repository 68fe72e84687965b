import { describe, expect, it } from 'vitest';
import { resendCell } from '#renderer/features/member-care/resend-offers';
import { resendQueuedText } from '#renderer/features/member-care/ResendSmsButton';

describe('member care: resend', () => {
  const allowing = new Set(['o-resend']);

  it('offers the button only on active coupons of offers that allow resending', () => {
    expect(resendCell({ offerId: 'o-resend', status: 'ACTIVE' }, allowing)).toBe('button');
    expect(resendCell({ offerId: 'o-resend', status: 'REDEEMED' }, allowing)).toBe('inactive');
    expect(resendCell({ offerId: 'o-plain', status: 'ACTIVE' }, allowing)).toBe('not-allowed');
  });

  it('says the message waits when the hub has no SMS gateway, and not "within a minute"', () => {
    const n = { recipient: '+919800000001' };
    expect(resendQueuedText({ notification: n, smsGateway: true })).toBe(
      'Resend queued to +919800000001; it goes out within a minute.',
    );
    const waiting = resendQueuedText({ notification: n, smsGateway: false });
    expect(waiting).toContain('no SMS gateway is set up on the hub');
    expect(waiting).not.toContain('within a minute');
    // A host that cannot tell makes no claim about the gateway.
    expect(resendQueuedText({ notification: { recipient: null }, smsGateway: null })).toBe(
      'Resend queued; the hub sends it.',
    );
  });
});
