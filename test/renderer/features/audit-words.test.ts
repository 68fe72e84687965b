import { describe, expect, it } from 'vitest';
import { actionLabel, detailLines, entityLabel } from '#renderer/features/audit/audit-words';

const plain = (xs: string[]) => xs.map((s) => s.replace(/[\u00a0\u202f]/g, ' '));

describe('audit words', () => {
  it('names actions and entities as people say them', () => {
    expect(actionLabel('offer.update')).toBe('Offer changed');
    expect(actionLabel('reconciliation.reverse_redemption')).toBe('Offline redemption reversed');
    expect(actionLabel('thing.do_it')).toBe('Thing do it');
    expect(entityLabel('reconciliation_item')).toBe('Offline redemption');
    expect(entityLabel('currency_rates')).toBe('Currency rates');
  });

  it('shows what changed, before → after, with dates in the zone and money in its currency', () => {
    const lines = plain(
      detailLines(
        {
          fields: ['name', 'expiry', 'discount'],
          changes: {
            name: { before: 'Spring', after: 'Spring sale' },
            expiry: {
              before: { type: 'FIXED_DATE', endsAt: '2025-01-31T18:29:00.000Z' },
              after: { type: 'FIXED_DATE', endsAt: '2025-02-28T18:29:00.000Z' },
            },
            discount: {
              before: { type: 'FIXED', amount: '100', currency: 'INR' },
              after: { type: 'FIXED', amount: '150', currency: 'INR' },
            },
          },
          version: 4,
        },
        'Asia/Kolkata',
      ),
    );
    expect(lines[0]).toBe('Name: Spring → Spring sale');
    expect(lines[1]).toMatch(/^Expiry: Type Fixed date, Expiry date 31 Jan 2025, .*IST → /);
    expect(lines[2]).toMatch(/^Discount: ₹100\.00 off → ₹150\.00 off$/);
    expect(lines).toHaveLength(3);
  });

  it('words a change of the org’s offer defaults', () => {
    expect(actionLabel('org.settings')).toBe('Organisation settings changed');
    expect(actionLabel('org.pointsOfContact.set')).toBe('Points of contact changed');
    expect(actionLabel('org.metadataFields.set')).toBe('Custom metadata fields changed');
    expect(
      detailLines({ changes: { syncToInStoreByDefault: { before: false, after: true } } }, 'UTC'),
    ).toEqual(['New offers sync to in-store tills: No → Yes']);
  });

  it('leaves ids and bookkeeping out of the rest', () => {
    expect(
      detailLines(
        {
          reason: 'typo',
          couponId: '01a24947-5c1e-4f0a-9a57-1c2b3d4e5f60',
          customerIds: ['x'],
          revoked: 12,
          mode: 'UNISSUED',
        },
        'UTC',
      ),
    ).toEqual(['Reason: typo', 'Revoked: 12', 'What to revoke: Unissued']);
  });
});
