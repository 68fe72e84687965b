import { expect, it } from 'vitest';
import { createOffer } from '#shared/services/offers/offer-create';
import { updateOffer } from '#shared/services/offers/offer-update';
import { searchPastIssualOffers } from '#shared/services/offers/past-issual-offers';
import { eachDialect } from '../../../helpers/db';
import { apiError } from '../support/api-error';
import { offerConfig } from '../support/offer-fixture';
import { useServiceWorld } from '../support/world';

const search = (w: ReturnType<typeof useServiceWorld>, q?: string, excludeId?: string) =>
  searchPastIssualOffers(
    { ...(q === undefined ? {} : { q }), ...(excludeId ? { excludeId } : {}), limit: 20 },
    w.ctx,
  );

eachDialect('offers: restrict by past issuals', (dialect) => {
  const w = useServiceWorld(dialect, { at: '2025-01-10T06:30:00.000Z' });
  const ids: Record<string, string> = {};

  it('offers only offers active in the last 6 months, by name or offer code', async () => {
    const make = async (name: string, offerCode: string, endsAt: string) =>
      (ids[offerCode] = (
        await createOffer(
          offerConfig({ name, offerCode, expiry: { type: 'FIXED_DATE', endsAt } }),
          w.ctx,
        )
      ).id);
    await make('New year 10% off', 'NY-2025', '2025-01-20T00:00:00.000Z');
    await make('Summer shoes', 'SUMMER-SH', '2025-05-31T00:00:00.000Z');
    await make('Diwali 20%', 'DIWALI-25', '2026-01-31T00:00:00.000Z');
    await make('50% off_all', 'HALF-ALL', '2026-01-31T00:00:00.000Z');
    // Eight months on, the new-year offer ended more than 6 months ago.
    w.setNow('2025-09-10T06:30:00.000Z');

    const all = await search(w);
    expect(all.since).toBe('2025-03-10T06:30:00.000Z');
    expect(all.items.map((o) => o.offerCode).sort()).toEqual([
      'DIWALI-25',
      'HALF-ALL',
      'SUMMER-SH',
    ]);
    expect(all.items.find((o) => o.offerCode === 'SUMMER-SH')).toMatchObject({
      name: 'Summer shoes',
      endsAt: '2025-05-31T00:00:00.000Z',
      lastIssuedAt: null,
    });
    expect((await search(w, 'dIwAlI')).items.map((o) => o.offerCode)).toEqual(['DIWALI-25']);
    expect((await search(w, 'summer-s')).items.map((o) => o.offerCode)).toEqual(['SUMMER-SH']);
    expect((await search(w, 'new year')).items).toEqual([]);
    // The user's % and _ are literal, not wildcards.
    expect((await search(w, '0% o')).items.map((o) => o.offerCode)).toEqual(['HALF-ALL']);
    expect((await search(w, 'f_a')).items.map((o) => o.offerCode)).toEqual(['HALF-ALL']);
    // The offer being edited is not among its own choices.
    const others = await search(w, undefined, ids['DIWALI-25']);
    expect(others.items.map((o) => o.offerCode).sort()).toEqual(['HALF-ALL', 'SUMMER-SH']);
  });

  it('saves picked offers and refuses an unknown id, naming it, changing nothing', async () => {
    const picked = [ids['SUMMER-SH'] ?? '', ids['DIWALI-25'] ?? ''];
    const offer = await createOffer(
      offerConfig({
        name: 'Winter boots',
        offerCode: 'WINTER-BOOT',
        issuance: { restrictPastIssualsOfOfferIds: picked } as never,
      }),
      w.ctx,
    );
    expect(offer.issuance.restrictPastIssualsOfOfferIds).toEqual(picked);

    const count = async () =>
      (await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM offers'))[0]?.n;
    const before = await count();
    const e = await apiError(
      createOffer(
        offerConfig({
          name: 'Typed by hand',
          issuance: { restrictPastIssualsOfOfferIds: [picked[0] ?? '', 'offer-typo'] } as never,
        }),
        w.ctx,
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(e.details)).toContain('issuance.restrictPastIssualsOfOfferIds.1');
    expect(e.message).toContain('No offer has the id "offer-typo"');
    expect(await count()).toBe(before);

    const edit = await apiError(
      updateOffer(
        {
          id: offer.id,
          issuance: { ...offer.issuance, restrictPastIssualsOfOfferIds: ['gone-offer'] },
        },
        w.ctx,
      ),
    );
    expect(edit.message).toContain('No offer has the id "gone-offer"');
    const reread = await search(w, 'winter');
    expect(reread.items.map((o) => o.offerCode)).toEqual(['WINTER-BOOT']);
  });
});
