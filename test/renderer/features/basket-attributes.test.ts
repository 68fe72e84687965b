import { describe, expect, it } from 'vitest';
import { offerInput, type Offer } from '#shared/domain/offer';
import { computeDiscount } from '../../../src-shared/engine';
import { parseAttributes } from '#renderer/features/till/basket-attributes';
import { newBasket, toRedemptionRequest, type BasketLine } from '#renderer/features/till/basket';

const till = { storeId: 's1', storeName: 'S', tillId: 't1', tillName: 'T', currency: 'INR' };
const line = (sku: string, price: string, attributes?: string): BasketLine => ({
  key: sku,
  sku,
  category: '',
  brand: '',
  ...(attributes === undefined ? {} : { attributes }),
  price,
  qty: 1,
  onSale: false,
});

describe('basket line attributes', () => {
  it('reads name=value or name: value pairs separated by commas or semicolons', () => {
    expect(parseAttributes('colour=red, size: M;fit = slim')).toEqual({
      attributes: { colour: 'red', size: 'M', fit: 'slim' },
      problem: null,
    });
    expect(parseAttributes('  ')).toEqual({ attributes: {}, problem: null });
  });

  it('says which pair it could not read, and keeps the good ones', () => {
    const r = parseAttributes('colour=red, large, size=');
    expect(r.attributes).toEqual({ colour: 'red' });
    expect(r.problem).toBe(
      '"large" needs a name and a value, like colour=red; "size=" needs a name and a value, like colour=red',
    );
    expect(parseAttributes('colour=red, Colour=blue').problem).toBe(
      'Colour is given twice; keep one value',
    );
  });

  it('sends each line its attributes, so an attribute-scoped offer prices only those lines', () => {
    const basket = {
      ...newBasket('client-123456', new Date('2025-01-01T00:00:00Z')),
      code: 'RED10',
      billAmount: '300.00',
      lines: [line('TEE-1', '100.00', 'Colour = Red, size=M'), line('TEE-2', '200.00')],
    };
    const request = toRedemptionRequest(basket, till);
    expect(request.items).toEqual([
      {
        sku: 'TEE-1',
        attributes: { Colour: 'Red', size: 'M' },
        price: '100.00',
        qty: 1,
        onSale: false,
      },
      { sku: 'TEE-2', price: '200.00', qty: 1, onSale: false },
    ]);
    const config = offerInput.parse({
      name: 'Red tees',
      expiry: { type: 'FIXED_DATE', endsAt: '2030-12-31T23:59:59Z' },
      discount: { type: 'PERCENT', percent: '10' },
      applicability: { scope: 'SELECTED', attributes: [{ name: 'colour', value: 'red' }] },
      codeGeneration: { method: 'COMMON', code: 'RED10' },
    });
    const offer: Offer = {
      ...config,
      id: 'offer-1',
      offerCode: 'RED10',
      fixedPart: null,
      claim: null,
      createdAt: '2024-01-01T00:00:00Z',
      modifiedAt: '2024-01-01T00:00:00Z',
      version: 1,
    };
    const priced = computeDiscount(
      offer,
      { billAmount: '300.00', currency: 'INR', items: request.items ?? [], at: basket.startedAt },
      [],
      'INR',
    );
    expect(priced.ok && priced.value).toMatchObject({ eligibleAmount: '100.00', amount: '10.00' });
  });
});
