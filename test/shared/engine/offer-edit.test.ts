import { describe, expect, it } from 'vitest';
import { checkOfferEdit } from '../../../src-shared/engine';
import { codesOf, makeOffer } from './fixtures';

describe('checkOfferEdit', () => {
  const before = makeOffer({
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 5 },
    redemption: { codeLimit: 3, allowAnyone: true },
  });

  it('changes what may change and keeps the rest', () => {
    const r = checkOfferEdit(before, {
      name: 'Winter sale (extended)',
      offerCode: 'WINTER-2',
      expiry: { type: 'FIXED_DATE', endsAt: '2031-01-31T23:59:59Z' },
      discount: { type: 'PERCENT', percent: '15', maxDiscount: '500' },
      redemption: { codeLimit: 10 },
      issuance: { maxPerCustomer: 2 },
      couponExpiry: { type: 'MONTH_ENDS_FROM_ISSUE', months: 1 },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      name: 'Winter sale (extended)',
      offerCode: 'WINTER-2',
      expiry: { type: 'FIXED_DATE', endsAt: '2031-01-31T23:59:59Z' },
      discount: { type: 'PERCENT', percent: '15', maxDiscount: '500', maxDiscountCurrency: null },
      couponExpiry: { type: 'MONTH_ENDS_FROM_ISSUE', months: 1 },
      codeGeneration: before.codeGeneration,
    });
    // A sub-object replaces the old one and gets the schema's defaults (allowAnyone → false).
    expect(r.value.redemption).toMatchObject({ codeLimit: 10, allowAnyone: false });
    expect(r.value.issuance.maxPerCustomer).toBe(2);
    expect(r.value).not.toHaveProperty('id');
  });

  it.each([
    [{ id: 'offer-2' }, 'id'],
    [{ expiry: { type: 'WITH_CAMPAIGN' as const, endsAt: null } }, 'expiry.type'],
    [{ codeGeneration: { method: 'COMMON' as const, code: 'SAVE10' } }, 'codeGeneration.method'],
  ])('IMMUTABLE_FIELD for %o', (patch, field) => {
    const r = checkOfferEdit(before, patch);
    expect(codesOf(r)).toEqual(['IMMUTABLE_FIELD']);
    expect(r.ok ? undefined : r.reasons[0]?.field).toBe(field);
  });

  it('the same id and the same method are fine', () => {
    const r = checkOfferEdit(before, {
      id: before.id,
      codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'NUMERIC' },
    });
    expect(r.ok && r.value.codeGeneration).toMatchObject({ length: 10, charset: 'NUMERIC' });
  });

  it('a randomized common sample cannot change', () => {
    const rc = makeOffer({ codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'TEST12345' } });
    const r = checkOfferEdit(rc, {
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'TEST99999' },
    });
    expect(r.ok ? undefined : r.reasons.map((x) => x.field)).toEqual(['codeGeneration.sample']);
    expect(checkOfferEdit(rc, { name: 'Renamed' }).ok).toBe(true);
  });

  it('reports immutable and invalid fields together', () => {
    const r = checkOfferEdit(before, {
      id: 'other',
      name: '  ',
      offerCode: 'bad code',
    });
    expect(r.ok ? [] : r.reasons.map((x) => `${x.code}:${x.field}`).sort()).toEqual([
      'IMMUTABLE_FIELD:id',
      'INVALID_FIELD:name',
      'INVALID_FIELD:offerCode',
    ]);
  });
});
