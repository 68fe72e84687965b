import { expect, it } from 'vitest';
import { offerPatch } from '#shared/domain/offer';
import { createOffer } from '#shared/services/offers/offer-create';
import { updateOffer } from '#shared/services/offers/offer-update';
import { DAY } from '../support/context';
import { eachDialect } from '../../../helpers/db';
import { fullOfferInput, offerConfig } from '../support/offer-fixture';
import { offerInput } from '#shared/domain/offer';
import { apiError as rejection } from '../support/api-error';
import { useServiceWorld } from '../support/world';

it('a patch of one section parses to just that section (no defaults filled in)', () => {
  expect(offerPatch.parse({})).toEqual({});
  expect(offerPatch.parse({ name: 'x' })).toEqual({ name: 'x' });
});

eachDialect('offers: update', (dialect) => {
  const w = useServiceWorld(dialect);

  it('changes only the given sections, bumps version and modified time, rewrites tags', async () => {
    const past = await createOffer(offerConfig({ name: 'Last year' }), w.ctx);
    const created = await createOffer(offerInput.parse(fullOfferInput([past.id])), w.ctx);
    w.advance(DAY);
    const input = offerPatch.parse({
      name: 'Diwali 25%',
      redemption: { ...created.redemption, stores: [{ type: 'TILL', id: 'TS2-1' }] },
    });
    const updated = await updateOffer({ id: created.id, expectedVersion: 1, ...input }, w.ctx);
    expect(updated.name).toBe('Diwali 25%');
    expect(updated.version).toBe(2);
    expect(updated.createdAt).toBe(created.createdAt);
    expect(Date.parse(updated.modifiedAt) - Date.parse(created.modifiedAt)).toBe(DAY);
    // Untouched sections keep their settings (no reset to defaults).
    expect(updated.issuance).toEqual(created.issuance);
    expect(updated.discount).toEqual(created.discount);
    expect(updated.syncToInStore).toEqual(created.syncToInStore);
    expect(updated.redemption.stores).toEqual([{ type: 'TILL', id: 'TS2-1' }]);
    const tags = await w.sql.query(
      'SELECT entity_type, entity_id FROM offer_store_tags WHERE offer_id = $1',
      [created.id],
    );
    expect(tags).toEqual([{ entity_type: 'TILL', entity_id: 'TS2-1' }]);
  });

  it('IMMUTABLE_FIELD names the field: expiry type, code method, randomized sample', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    const e1 = await rejection(
      updateOffer({ id: o.id, expiry: { type: 'WITH_CAMPAIGN', endsAt: null } }, w.ctx),
    );
    expect(e1.code).toBe('IMMUTABLE_FIELD');
    expect(e1.details).toMatchObject({ field: 'expiry.type' });
    const e2 = await rejection(
      updateOffer({ id: o.id, codeGeneration: { method: 'COMMON', code: 'ABC123' } }, w.ctx),
    );
    expect(e2.code).toBe('IMMUTABLE_FIELD');
    expect(e2.details).toMatchObject({ field: 'codeGeneration.method' });
    const r = await createOffer(
      offerConfig({ codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'ABCDE12345' } }),
      w.ctx,
    );
    const e3 = await rejection(
      updateOffer(
        { id: r.id, codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'ZZZZZ12345' } },
        w.ctx,
      ),
    );
    expect(e3.details).toMatchObject({ field: 'codeGeneration.sample' });
    // Same type and method with new values is fine: an offer's end can move.
    const moved = await updateOffer(
      { id: o.id, expiry: { type: 'FIXED_DATE', endsAt: '2026-01-31T00:00:00.000Z' } },
      w.ctx,
    );
    expect(moved.expiry.endsAt).toBe('2026-01-31T00:00:00.000Z');
    const [row] = await w.sql.query('SELECT ends_at FROM offers WHERE id = $1', [o.id]);
    expect(row).toEqual({ ends_at: '2026-01-31T00:00:00.000Z' });
    // The fixed part of a randomized series survives edits.
    const renamed = await updateOffer({ id: r.id, name: 'Renamed' }, w.ctx);
    expect(renamed.fixedPart).toBe(r.fixedPart);
  });

  it('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    await updateOffer({ id: o.id, expectedVersion: 1, name: 'First' }, w.ctx);
    const e = await rejection(updateOffer({ id: o.id, expectedVersion: 1, name: 'Second' }, w.ctx));
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    const [row] = await w.sql.query('SELECT name, version FROM offers WHERE id = $1', [o.id]);
    expect(row).toEqual({ name: 'First', version: 2 });
  });

  it('offer code is editable but must stay unique; unknown offer is NOT_FOUND', async () => {
    const a = await createOffer(offerConfig({ offerCode: 'CODE-A' }), w.ctx);
    await createOffer(offerConfig({ offerCode: 'CODE-B' }), w.ctx);
    const e = await rejection(updateOffer({ id: a.id, offerCode: 'CODE-B' }, w.ctx));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('CODE-B');
    const ok = await updateOffer({ id: a.id, offerCode: 'CODE-C' }, w.ctx);
    expect(ok.offerCode).toBe('CODE-C');
    const nf = await rejection(updateOffer({ id: 'nope', name: 'x' }, w.ctx));
    expect(nf.code).toBe('NOT_FOUND');
  });

  it('cross-field rules apply to edits too', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    const e = await rejection(
      updateOffer(
        {
          id: o.id,
          redemption: offerConfig({ redemption: { minBill: '10', maxBill: '5' } }).redemption,
        },
        w.ctx,
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    const e2 = await rejection(
      updateOffer(
        { id: o.id, expiry: { type: 'FIXED_DATE', endsAt: '2020-01-01T00:00:00Z' } },
        w.ctx,
      ),
    );
    expect(e2.code).toBe('INVALID_INPUT');
  });
});
