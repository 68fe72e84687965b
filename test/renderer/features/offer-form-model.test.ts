import { describe, expect, it } from 'vitest';
import { offerInput } from '#shared/domain/offer';
import {
  defaultDraft,
  draftFromOffer,
  toOfferInput,
  validateDraft,
  type StoredOffer,
} from '#renderer/features/offers/offer-form-model';
import { summarizeOffer } from '#renderer/features/offers/offer-summary';

const now = new Date('2025-03-01T10:00:00Z');

describe('offer form model', () => {
  it('starts from a draft the API accepts once it has a name', () => {
    const d = defaultDraft(now);
    expect(validateDraft(d)).toEqual({ name: 'is required' });
    expect(offerInput.safeParse(toOfferInput({ ...d, name: 'Spring' })).success).toBe(true);
  });

  it('checks the org’s metadata fields before saving, at each field', () => {
    const d = { ...defaultDraft(now), name: 'X', metadata: { budget: 'lots' } };
    const fields = [
      { key: 'owner', name: 'Campaign owner', type: 'TEXT' as const, required: true },
      { key: 'budget', name: 'Budget', type: 'NUMBER' as const, required: false },
    ];
    expect(validateDraft(d, fields)).toEqual({
      'metadata.owner': '"Campaign owner" is required for every offer; fill it in',
      'metadata.budget': '"Budget" must be a number such as 1500 or 12.5; got "lots"',
    });
    expect(validateDraft({ ...d, metadata: { owner: 'Ops', budget: '12.5' } }, fields)).toEqual({});
  });

  it('reports nested problems at dotted paths the fields use as ids', () => {
    const d = defaultDraft(now);
    const bad = {
      ...d,
      name: 'X',
      discount: { type: 'FIXED' as const, amount: '12,50', currency: 'rupees' },
      redemption: { ...d.redemption, codeLimit: 0 },
    };
    const errs = validateDraft(bad);
    expect(Object.keys(errs).sort()).toEqual([
      'discount.amount',
      'discount.currency',
      'redemption.codeLimit',
    ]);
    expect(errs['discount.amount']).toBe('must be a decimal number such as 12.50');
  });

  it('shows settings that cannot go together next to their fields, as the API refuses them', () => {
    const d = { ...defaultDraft(now), name: 'X' };
    const errs = validateDraft({
      ...d,
      delivery: 'THIRD_PARTY',
      redemption: { ...d.redemption, allowAnyone: true },
      expiry: { type: 'WITH_CAMPAIGN', endsAt: null },
      couponExpiry: { type: 'WITH_OFFER' },
    });
    expect(Object.keys(errs).sort()).toEqual(['couponExpiry.type', 'redemption.allowAnyone']);
    expect(errs['couponExpiry.type']).toContain('only to offers that end on a fixed date');
  });

  it('leaves out an empty offer code so the backend generates one', () => {
    const input = toOfferInput({ ...defaultDraft(now), name: '  Spring  ', offerCode: '  ' });
    expect(input.name).toBe('Spring');
    expect('offerCode' in input).toBe(false);
  });

  it('takes exactly the editable config from a stored offer', () => {
    const d = { ...defaultDraft(now), name: 'Stored', offerCode: 'SPRING25' };
    const stored = {
      ...offerInput.parse(d),
      offerCode: 'SPRING25',
      id: 'o1',
      fixedPart: null,
      claim: null,
      createdAt: now.toISOString(),
      modifiedAt: now.toISOString(),
      version: 3,
    } as StoredOffer;
    const back = draftFromOffer(stored);
    expect(back).toEqual(offerInput.parse(d));
    expect('id' in back).toBe(false);
    expect('version' in back).toBe(false);
  });

  it('a new offer expires at 23:59 on the org calendar a month out', () => {
    expect(defaultDraft(now, 'INR', 'Asia/Kolkata').expiry.endsAt).toBe('2025-03-31T18:29:00.000Z');
    expect(defaultDraft(now, 'AED', 'Asia/Dubai').discount).toMatchObject({ currency: 'AED' });
  });

  it('summarises every section in plain words', () => {
    const d = {
      ...defaultDraft(now),
      name: 'Spring',
      redemption: { ...defaultDraft(now).redemption, daysOfWeek: [1, 7], seriesLimit: 5000 },
    };
    const sections = summarizeOffer(d, (iso) => iso.slice(0, 10));
    expect(sections.map((s) => s.title)).toEqual([
      'Offer name & expiry',
      'Discount',
      'Coupon details',
      'Issual & reminders',
      'Redemption',
      'In-store',
    ]);
    const redemption = Object.fromEntries(sections[4]!.rows);
    expect(redemption['Days of week']).toBe('Mon, Sun');
    expect(redemption['Offer-wide limit']).toBe('5000');
    expect(Object.fromEntries(sections[1]!.rows).Discount).toBe('₹100.00 off');
  });
});
