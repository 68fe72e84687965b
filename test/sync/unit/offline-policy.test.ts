import { describe, expect, it } from 'vitest';
import { offerInput, type Offer } from '#shared/domain/offer';
import {
  offlineChoiceReasons,
  offlinePolicyReasons,
  type OfflineBill,
} from '#shared/sync/offline-policy';

const offerWith = (patch: Record<string, unknown>): Offer =>
  ({
    ...offerInput.parse({
      name: 'Ten off',
      expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
      discount: { type: 'FIXED', amount: '10', currency: 'INR' },
      codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
      ...patch,
    }),
    id: 'o1',
    offerCode: 'TEN',
    fixedPart: null,
    claim: null,
    createdAt: '2025-01-01T00:00:00Z',
    modifiedAt: '2025-01-01T00:00:00Z',
    version: 1,
  }) as Offer;

const bill = (billAmount: string, currency = 'INR'): OfflineBill => ({
  billAmount,
  currency,
  storeCurrency: 'INR',
  rates: [{ from: 'USD', to: 'INR', rate: '83.5', effectiveFrom: '2024-01-01T00:00:00Z' }],
  atMs: Date.parse('2025-06-01T00:00:00Z'),
});

const codes = (offer: Offer, b: OfflineBill) => offlinePolicyReasons(offer, b).map((r) => r.code);

describe('offline policy (issue 13: exact money in the bill currency)', () => {
  const upTo = (maxBill: string, discount?: unknown) =>
    offerWith({
      offlinePolicy: { mode: 'UP_TO_BILL', maxBill },
      ...(discount ? { discount } : {}),
    });

  it('allows a bill equal to the maximum and refuses one cent above, with exact decimals', () => {
    expect(codes(upTo('500'), bill('500.00'))).toEqual([]);
    expect(codes(upTo('500'), bill('500.01'))).toEqual(['OFFLINE_NOT_ALLOWED']);
    // 0.1 + 0.2 style amounts that floats get wrong.
    expect(codes(upTo('0.3'), bill('0.30'))).toEqual([]);
    expect(codes(upTo('1000000000000.01'), bill('1000000000000.01'))).toEqual([]);
    expect(codes(upTo('1000000000000.01'), bill('1000000000000.02'))).toEqual([
      'OFFLINE_NOT_ALLOWED',
    ]);
  });

  it('converts the maximum (in the offer’s currency) into the bill’s currency exactly', () => {
    const usd = upTo('10', { type: 'FIXED', amount: '1', currency: 'USD' });
    expect(codes(usd, bill('835.00'))).toEqual([]);
    const over = offlinePolicyReasons(usd, bill('835.01'));
    expect(over.map((r) => r.code)).toEqual(['OFFLINE_NOT_ALLOWED']);
    expect(over[0]?.message).toContain('835.00 INR (10.00 USD)');
    expect(over[0]?.field).toBe('billAmount');
    // The same maximum on a bill in USD needs no rate.
    expect(codes(usd, bill('10.00', 'USD'))).toEqual([]);
    expect(codes(usd, bill('10.01', 'USD'))).toEqual(['OFFLINE_NOT_ALLOWED']);
  });

  it('refuses when no rate converts the maximum, naming the currencies', () => {
    const r = offlinePolicyReasons(upTo('500'), bill('10', 'EUR'));
    expect(r.map((x) => x.code)).toEqual(['OFFLINE_NOT_ALLOWED']);
    expect(r[0]?.message).toMatch(/no exchange rate from INR to EUR/);
    expect(r[0]?.field).toBe('currency');
  });

  it('refuses ONLINE_ONLY and lets ALLOW through', () => {
    expect(codes(offerWith({ offlinePolicy: { mode: 'ONLINE_ONLY' } }), bill('1'))).toEqual([
      'OFFLINE_NOT_ALLOWED',
    ]);
    expect(codes(offerWith({}), bill('999999'))).toEqual([]);
  });
});

describe('offline choices in the offer config', () => {
  const config = (codeGeneration: unknown) =>
    offerInput.parse({
      name: 'x',
      expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
      discount: { type: 'FIXED', amount: '10', currency: 'INR' },
      codeGeneration,
      offlinePolicy: { mode: 'ALLOW', verifiedCodes: true },
    });

  it('defaults both choices off', () => {
    const parsed = offerInput.parse({
      name: 'x',
      expiry: { type: 'FIXED_DATE', endsAt: '2030-01-01T00:00:00Z' },
      discount: { type: 'FIXED', amount: '10', currency: 'INR' },
      codeGeneration: { method: 'UPLOADED' },
    });
    expect(parsed.offlinePolicy).toEqual({
      mode: 'ALLOW',
      verifiedCodes: false,
      reclaimAfterGrace: false,
    });
  });

  it('lets generated codes opt in to an offline check, and refuses uploaded and common codes', () => {
    expect(
      offlineChoiceReasons(config({ method: 'UNIQUE_AUTO', length: 8, charset: 'NUMERIC' })),
    ).toEqual([]);
    expect(
      offlineChoiceReasons(config({ method: 'RANDOMIZED_COMMON', sample: 'TEST12345' })),
    ).toEqual([]);
    const uploaded = offlineChoiceReasons(config({ method: 'UPLOADED' }));
    expect(uploaded.map((r) => r.field)).toEqual(['offlinePolicy.verifiedCodes']);
    expect(uploaded[0]?.message).toMatch(/Uploaded codes .* cannot carry an offline check/);
    expect(offlineChoiceReasons(config({ method: 'COMMON', code: 'SAVE10' }))[0]?.message).toMatch(
      /common code/,
    );
  });
});
