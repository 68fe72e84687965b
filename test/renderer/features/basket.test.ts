import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterRedeemFailure,
  amountToPay,
  editBasket,
  linesTotal,
  newBasket,
  normalizeCode,
  toRedemptionRequest,
  type BasketLine,
} from '#renderer/features/till/basket';

const line = (price: string, qty = 1, sku = 'SKU1'): BasketLine => ({
  key: `${sku}-${price}`,
  sku,
  category: '',
  brand: '',
  price,
  qty,
  onSale: false,
});

const till = { storeId: 's1', storeName: 'S', tillId: 't1', tillName: 'T', currency: 'INR' };

describe('till basket', () => {
  it('adds prices exactly, never as binary floats', () => {
    expect(linesTotal([line('0.1'), line('0.2')])).toBe('0.30');
    expect(linesTotal([line('19.99', 3), line('0.015')])).toBe('59.985');
    expect(linesTotal([line('abc')])).toBeNull();
  });

  it('sums like integer minor units for any prices and quantities', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 50 })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (rows) => {
          const lines = rows.map(([cents, qty], i) =>
            line(
              `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
              qty,
              `S${i}`,
            ),
          );
          const expected = rows.reduce((a, [c, q]) => a + BigInt(c) * BigInt(q), 0n);
          const text = linesTotal(lines) ?? '';
          expect(BigInt(text.replace('.', ''))).toBe(expected);
        },
      ),
    );
  });

  it('never asks to pay less than zero', () => {
    expect(amountToPay('100.00', '25.5')).toBe('74.50');
    expect(amountToPay('10', '25')).toBe('0.00');
  });

  it('upper-cases scanned codes and drops spaces', () => {
    expect(normalizeCode(' ab12 cd\n')).toBe('AB12CD');
  });

  it('builds the request with the customer identifier, currency and only filled lines', () => {
    const b = {
      ...newBasket('client-123456', new Date('2025-01-01T00:00:00Z')),
      code: 'SAVE10',
      customerKind: 'email' as const,
      customerValue: ' a@b.co ',
      billAmount: '250.00',
      lines: [{ ...line('100.00', 2), category: 'shoes' }, line('', 1, '  ')],
    };
    expect(toRedemptionRequest(b, till)).toEqual({
      code: 'SAVE10',
      customer: { email: 'a@b.co' },
      billAmount: '250.00',
      currency: 'INR',
      storeId: 's1',
      tillId: 't1',
      items: [{ sku: 'SKU1', category: 'shoes', price: '100.00', qty: 2, onSale: false }],
      clientId: 'client-123456',
    });
  });

  it('forgets the last validation when an input changes', () => {
    const b = { ...newBasket('c-12345678', new Date()), validation: { valid: true } as never };
    expect(editBasket(b, { billAmount: '5' }).validation).toBeNull();
  });

  it('keeps the idempotency key only when the redeem outcome is unknown', () => {
    const b = newBasket('first-id-1', new Date());
    const unknown = afterRedeemFailure(b, true, 'second-id');
    expect(unknown.clientId).toBe('first-id-1');
    expect(unknown.redeemPending).toBe(true);
    const refused = afterRedeemFailure(unknown, false, 'second-id');
    expect(refused.clientId).toBe('second-id');
    expect(refused.redeemPending).toBe(false);
  });
});
