import { expect, it } from 'vitest';
import { loadCurrencyRates, putCurrencyRates } from '#shared/services/rates/rates-service';
import { eachDialect } from '../../../helpers/db';
import { useServiceWorld } from '../support/world';

eachDialect('currency rates', (dialect) => {
  const w = useServiceWorld(dialect, { org: false });

  it('stores rates exactly and replaces a rate re-sent for the same pair and instant', async () => {
    const out = await putCurrencyRates(
      {
        rates: [
          { from: 'AED', to: 'INR', rate: '22.6512345678', effectiveFrom: '2025-01-01T00:00:00Z' },
          { from: 'GBP', to: 'INR', rate: '105.5', effectiveFrom: '2025-01-01T00:00:00+05:30' },
          { from: 'AED', to: 'INR', rate: '22.70', effectiveFrom: '2025-02-01T00:00:00Z' },
        ],
      },
      w.ctx,
    );
    expect(out).toEqual({ count: 3 });
    await putCurrencyRates(
      {
        rates: [
          { from: 'AED', to: 'INR', rate: '22.75', effectiveFrom: '2025-02-01T00:00:00.000Z' },
        ],
      },
      w.ctx,
    );
    expect(await loadCurrencyRates(w.sql)).toEqual([
      { from: 'AED', to: 'INR', rate: '22.6512345678', effectiveFrom: '2025-01-01T00:00:00.000Z' },
      { from: 'AED', to: 'INR', rate: '22.75', effectiveFrom: '2025-02-01T00:00:00.000Z' },
      { from: 'GBP', to: 'INR', rate: '105.5', effectiveFrom: '2024-12-31T18:30:00.000Z' },
    ]);
  });

  it('rejects a rate to the same currency or of zero', async () => {
    await expect(
      putCurrencyRates(
        { rates: [{ from: 'INR', to: 'INR', rate: '1', effectiveFrom: '2025-01-01T00:00:00Z' }] },
        w.ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      putCurrencyRates(
        { rates: [{ from: 'USD', to: 'INR', rate: '0', effectiveFrom: '2025-01-01T00:00:00Z' }] },
        w.ctx,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
