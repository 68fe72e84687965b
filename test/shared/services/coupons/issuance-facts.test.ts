import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIssuance } from '../../../../src-shared/engine';
import type { IssuanceFacts } from '#shared/engine/types';
import { issuanceReadsHistory } from '#shared/services/coupons/issuance-facts';
import { makeOffer, pastIssuance, type OfferOverrides } from '../../engine/fixtures';

const at = '2024-11-12T12:00:00+05:30';

const overrides: fc.Arbitrary<OfferOverrides> = fc.record({
  delivery: fc.constantFrom('SYSTEM' as const, 'THIRD_PARTY' as const),
  codeGeneration: fc.constantFrom(
    { method: 'UNIQUE_AUTO' as const, length: 8, charset: 'ALPHANUMERIC' as const },
    { method: 'COMMON' as const, code: 'SAVE50' },
  ),
  issuance: fc.record({
    maxPerCustomer: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    minGapDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    onRematch: fc.constantFrom('SEND_EXISTING' as const, 'SEND_NOTHING' as const),
    totalLimit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  }),
});

const history = fc.array(
  fc.record({
    days: fc.integer({ min: 0, max: 400 }),
    stillValid: fc.boolean(),
  }),
  { maxLength: 4 },
);

describe('issuanceReadsHistory', () => {
  it('is false only when earlier issuances cannot change the decision', () => {
    fc.assert(
      fc.property(overrides, history, fc.integer({ min: 0, max: 6 }), (o, past, count) => {
        const offer = makeOffer(o);
        const base: IssuanceFacts = {
          offer,
          customer: { id: 'cust-A' },
          at,
          timeZone: 'Asia/Kolkata',
          customerIssuances: [],
          offerIssuedCount: count,
          restrictedIssuances: [],
          inAudience: false,
        };
        const withPast = {
          ...base,
          customerIssuances: past.map((p) =>
            pastIssuance({
              issuedAt: new Date(Date.parse(at) - p.days * 86_400_000).toISOString(),
              stillValid: p.stillValid,
            }),
          ),
        };
        if (!issuanceReadsHistory(offer)) {
          expect(checkIssuance(withPast)).toEqual(checkIssuance(base));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('is true for each rule that reads them', () => {
    expect(issuanceReadsHistory(makeOffer())).toBe(false);
    expect(issuanceReadsHistory(makeOffer({ issuance: { maxPerCustomer: 1 } }))).toBe(true);
    expect(issuanceReadsHistory(makeOffer({ issuance: { minGapDays: 3 } }))).toBe(true);
    expect(issuanceReadsHistory(makeOffer({ issuance: { onRematch: 'SEND_EXISTING' } }))).toBe(
      true,
    );
    expect(
      issuanceReadsHistory(makeOffer({ codeGeneration: { method: 'COMMON', code: 'SAVE50' } })),
    ).toBe(true);
    // A third party applies its own per-customer rules.
    expect(
      issuanceReadsHistory(
        makeOffer({ delivery: 'THIRD_PARTY', issuance: { maxPerCustomer: 1, minGapDays: 3 } }),
      ),
    ).toBe(false);
  });
});
