import { describe, expect, it } from 'vitest';
import { offer as offerSchema, offerInput } from '#shared/domain/offer';
import { createRandomizedSeries } from '#shared/codes/randomized-series';
import { configOf } from '#shared/engine/index';
import { createOffer } from '#shared/services/offers/offer-create';
import {
  loadOffer,
  loadOfferForUpdate,
  loadOffersByIds,
  loadSeriesKey,
} from '#shared/services/offers/offer-repo';
import { eachDialect, freshDb } from '../../../helpers/db';
import { fullOfferInput, offerConfig } from '../support/offer-fixture';
import { apiError } from '../support/api-error';
import { useServiceWorld, buildWorld } from '../support/world';

eachDialect('offers: create', (dialect) => {
  const w = useServiceWorld(dialect);

  it('stores every setting and reads it back equal', async () => {
    const past = await createOffer(offerConfig({ name: 'Last year' }), w.ctx);
    const input = offerInput.parse(fullOfferInput([past.id]));
    const created = await createOffer(input, w.ctx);
    expect(offerSchema.parse(created)).toEqual(created);
    expect(configOf(created)).toEqual(input);
    expect(created).toMatchObject({
      offerCode: 'DIWALI-2025',
      fixedPart: null,
      claim: null,
      version: 1,
      createdAt: '2025-03-10T06:30:00.000Z',
      modifiedAt: '2025-03-10T06:30:00.000Z',
    });
    const loaded = await loadOffer(w.sql, created.id);
    expect(loaded).toEqual(created);
    // Tags and sync scope are written as rows for the indexed look-ups.
    const tags = await w.sql.query(
      'SELECT entity_type, entity_id FROM offer_store_tags WHERE offer_id = $1 ORDER BY 1, 2',
      [created.id],
    );
    expect(tags).toEqual([
      { entity_type: 'STORE', entity_id: 'S3' },
      { entity_type: 'ZONE', entity_id: 'Z1' },
    ]);
    const scope = await w.sql.query(
      'SELECT entity_type, entity_id FROM offer_sync_scope WHERE offer_id = $1',
      [created.id],
    );
    expect(scope).toEqual([{ entity_type: 'STORE', entity_id: 'S1' }]);
    const [cols] = await w.sql.query(
      'SELECT starts_at, ends_at, sync_enabled, code_method, expiry_type FROM offers WHERE id = $1',
      [created.id],
    );
    expect(cols).toEqual({
      starts_at: created.createdAt,
      ends_at: '2025-11-30T18:29:59.000Z',
      sync_enabled: true,
      code_method: 'UNIQUE_AUTO',
      expiry_type: 'FIXED_DATE',
    });
    const audit = await w.sql.query(
      "SELECT actor, action FROM audit_log WHERE entity_id = $1 AND action = 'offer.create'",
      [created.id],
    );
    expect(audit).toEqual([{ actor: 'backoffice', action: 'offer.create' }]);
  });

  it('generates a time-ordered id and a unique OFR- code when none is given', async () => {
    const a = await createOffer(offerConfig(), w.ctx);
    const b = await createOffer(offerConfig(), w.ctx);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id < b.id).toBe(true);
    expect(a.offerCode).toMatch(/^OFR-[A-Z2-9]{6}$/);
    expect(a.offerCode).not.toBe(b.offerCode);
    expect(await loadOffersByIds(w.sql, [a.id, b.id, 'nope'])).toHaveLength(2);
    expect(await loadOffersByIds(w.sql, [])).toEqual([]);
    const locked = await w.sql.transaction((tx) => loadOfferForUpdate(tx, a.id));
    expect(locked).toEqual(a);
    expect(await loadOffer(w.sql, 'missing')).toBeNull();
  });

  it('refuses a taken offer code with CONFLICT naming it', async () => {
    await createOffer(offerConfig({ offerCode: 'SUMMER-1' }), w.ctx);
    const e = await apiError(createOffer(offerConfig({ offerCode: 'SUMMER-1' }), w.ctx));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('SUMMER-1');
  });

  it('randomized common: secret key stored, fixed part half the sample, unique per org', async () => {
    const cfg = offerConfig({
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'test12345' },
    });
    const a = await createOffer(cfg, w.ctx);
    const b = await createOffer(cfg, w.ctx);
    expect(a.codeGeneration).toEqual({ method: 'RANDOMIZED_COMMON', sample: 'TEST12345' });
    expect(a.fixedPart).toMatch(/^[0-9A-Z]{4}$/);
    expect(b.fixedPart).toMatch(/^[0-9A-Z]{4}$/);
    expect(a.fixedPart).not.toBe(b.fixedPart);
    const keyA = await loadSeriesKey(w.sql, a.id);
    const keyB = await loadSeriesKey(w.sql, b.id);
    expect(keyA).toHaveLength(32);
    expect(keyA).not.toEqual(keyB);
    // The key never travels with the offer.
    expect(JSON.stringify(a)).not.toMatch(/key/i);
    // The stored key and fixed part make a working series.
    const series = createRandomizedSeries({
      sample: 'TEST12345',
      fixedPart: a.fixedPart as string,
      key: keyA as Uint8Array,
    });
    const code = series.codeAt(42);
    expect(code.startsWith(a.fixedPart as string)).toBe(true);
    expect(series.indexOf(code)).toBe(42);
    expect(await loadSeriesKey(w.sql, (await createOffer(offerConfig(), w.ctx)).id)).toBeNull();
  });

  it('fixed parts stay unique even when the space is nearly full', async () => {
    // A 5-digit numeric sample has 2-digit fixed parts: 100 in all.
    const cfg = offerConfig({ codeGeneration: { method: 'RANDOMIZED_COMMON', sample: '12345' } });
    const parts = new Set<string>();
    for (let i = 0; i < 30; i++) parts.add((await createOffer(cfg, w.ctx)).fixedPart as string);
    expect(parts.size).toBe(30);
  });

  it('validates what the schema cannot: charsets, codes, dates, bills, org references', async () => {
    const cases: [Parameters<typeof offerConfig>[0], string][] = [
      [
        {
          codeGeneration: {
            method: 'UNIQUE_AUTO',
            length: 8,
            charset: 'CUSTOM',
            customCharset: 'AA',
          },
        },
        'codeGeneration.customCharset',
      ],
      [
        { codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'CUSTOM' } },
        'codeGeneration.customCharset',
      ],
      [{ codeGeneration: { method: 'COMMON', code: 'BAD CODE' } }, 'codeGeneration.code'],
      [
        { codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'AB-12' } },
        'codeGeneration.sample',
      ],
      [{ expiry: { type: 'FIXED_DATE', endsAt: '2025-01-01T00:00:00Z' } }, 'expiry.endsAt'],
      [{ redemption: { minBill: '500', maxBill: '100' } }, 'redemption.minBill'],
      [{ redemption: { stores: [{ type: 'STORE', id: 'NOPE' }] } }, 'redemption.stores.0'],
      [{ redemption: { stores: [{ type: 'ZONE', id: 'S1' }] } }, 'redemption.stores.0'],
      [
        { syncToInStore: { enabled: true, scope: [{ type: 'TILL', id: 'X' }] } },
        'syncToInStore.scope.0',
      ],
      [
        {
          codeGeneration: { method: 'UNIQUE_AUTO', length: 4, charset: 'NUMERIC' },
          issuance: { totalLimit: 9000 },
        },
        'codeGeneration.length',
      ],
    ];
    for (const [over, path] of cases) {
      const e = await apiError(createOffer(offerConfig(over), w.ctx));
      expect(e.code, path).toBe('INVALID_INPUT');
      expect(
        (e.details as { path: string }[]).map((d) => d.path),
        path,
      ).toContain(path);
    }
  });

  it('normalizes codes and fills a percent cap currency from the org default', async () => {
    const o = await createOffer(
      offerConfig({
        codeGeneration: { method: 'COMMON', code: ' save10 ' },
        discount: { type: 'PERCENT', percent: '10', maxDiscount: '200' },
      }),
      w.ctx,
    );
    expect(o.codeGeneration).toEqual({ method: 'COMMON', code: 'SAVE10' });
    expect(o.discount).toEqual({
      type: 'PERCENT',
      percent: '10',
      maxDiscount: '200',
      maxDiscountCurrency: 'INR',
    });
  });
});

describe('offers: create is atomic', () => {
  it('a failure leaves nothing behind', async () => {
    const w = await buildWorld(await freshDb('pglite'), { org: false });
    await createOffer(offerConfig({ offerCode: 'ONE' }), w.ctx);
    await expect(createOffer(offerConfig({ offerCode: 'ONE' }), w.ctx)).rejects.toThrow();
    const [n] = await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM offers');
    expect(n?.n).toBe(1);
    await w.db.close();
  });
});
