import { describe, expect, it } from 'vitest';
import { actionLabel } from '#renderer/features/audit/audit-words';
import { commandLabel } from '#renderer/features/sync-status/command-labels';
import { audienceWords, customersCount } from '#renderer/features/offers/audience-words';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the customer list in words', () => {
  it('says what the list means for issuing, counts agreeing in number', () => {
    expect(audienceWords({ specificCustomersOnly: true, count: 0 })).toBe(
      'The list is empty, so no one can be issued a coupon yet: add customers or upload a list.',
    );
    expect(audienceWords({ specificCustomersOnly: true, count: 1 })).toBe(
      'Only the 1 customer on the list can be issued a coupon.',
    );
    expect(plain(audienceWords({ specificCustomersOnly: true, count: 12500 }))).toBe(
      'Only the 12,500 customers on the list can be issued a coupon.',
    );
    expect(audienceWords({ specificCustomersOnly: false, count: 3 })).toContain(
      'the list counts only once “Issue to specific customers only” is on',
    );
    expect(customersCount(2)).toBe('2 customers');
  });

  it('names list changes on the audit trail', () => {
    expect(actionLabel('audience.add')).toBe('Customer added to the offer’s list');
    expect(actionLabel('audience.remove')).toBe('Customer taken off the offer’s list');
  });

  it('names the changes a till queues for the hub', () => {
    expect(commandLabel('audience-add', null)).toBe('Customer added to an offer’s list');
    expect(commandLabel('redemption-stores-set', null)).toBe(
      'Stores allowing redemption set from a file',
    );
  });
});
