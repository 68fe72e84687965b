import { expect, it } from 'vitest';
import { ApiError } from '#shared/api/errors';
import type { SqlPort } from '#shared/sql/port';
import { createOffer } from '#shared/services/offers/offer-create';
import { getOfferDetails, getOfferTimeline } from '#shared/services/offers/offer-details';
import { setOfferSync } from '#shared/services/offers/offer-sync';
import { loadOffer } from '#shared/services/offers/offer-repo';
import { setOrgSettings } from '#shared/services/org/org-settings';
import { eachDialect } from '../../../helpers/db';
import { offerConfig } from '../support/offer-fixture';
import { useServiceWorld } from '../support/world';

let seq = 0;
/** Coupon rows as the issuance services write them (this suite reads, it does not issue). */
async function coupon(sql: SqlPort, offerId: string, issuedAt: string | null, state = 'ACTIVE') {
  const id = `cp-${seq++}`;
  await sql.query(
    'INSERT INTO coupons (id, offer_id, code, issued_at, state) VALUES ($1, $2, $3, $4, $5)',
    [id, offerId, `CODE${seq}`, issuedAt, state],
  );
  return id;
}
async function redemption(
  sql: SqlPort,
  offerId: string,
  couponId: string,
  at: string,
  reversed = false,
) {
  await sql.query(
    `INSERT INTO redemptions (id, coupon_id, offer_id, code, store_id, till_id, bill_amount,
                              currency, discount, redeemed_at, reversed_at)
     VALUES ($1, $2, $3, 'X', 'S1', 'TS1-1', '100.00', 'INR', '10.00', $4, $5)`,
    [`rd-${seq++}`, couponId, offerId, at, reversed ? at : null],
  );
}

eachDialect('offers: details, timeline, sync flag', (dialect) => {
  const w = useServiceWorld(dialect, { at: '2025-03-01T00:00:00.000Z' });

  it('counts issued, redeemed (live only), revoked, rate, last dates and remaining', async () => {
    const o = await createOffer(offerConfig({ issuance: { totalLimit: 10 } }), w.ctx);
    const c1 = await coupon(w.sql, o.id, '2025-03-02T10:00:00.000Z');
    const c2 = await coupon(w.sql, o.id, '2025-03-03T10:00:00.000Z');
    await coupon(w.sql, o.id, '2025-03-04T10:00:00.000Z', 'REVOKED');
    await coupon(w.sql, o.id, '2025-03-05T10:00:00.000Z');
    await coupon(w.sql, o.id, null);
    await redemption(w.sql, o.id, c1, '2025-03-06T12:00:00.000Z');
    await redemption(w.sql, o.id, c2, '2025-03-07T12:00:00.000Z', true);
    const { offer, stats } = await getOfferDetails(w.sql, o.id);
    expect(offer).toEqual(o);
    expect(stats).toEqual({
      couponCount: 5,
      issuedCount: 4,
      redeemedCount: 1,
      revokedCount: 1,
      redemptionRate: 0.25,
      lastIssuedAt: '2025-03-05T10:00:00.000Z',
      lastRedeemedAt: '2025-03-06T12:00:00.000Z',
      remainingIssuable: 6,
    });
    const empty = await createOffer(
      offerConfig({ codeGeneration: { method: 'COMMON', code: 'FREE' } }),
      w.ctx,
    );
    expect((await getOfferDetails(w.sql, empty.id)).stats).toMatchObject({
      issuedCount: 0,
      redemptionRate: 0,
      lastIssuedAt: null,
      remainingIssuable: null,
    });
    await expect(getOfferDetails(w.sql, 'nope')).rejects.toBeInstanceOf(ApiError);
  });

  it('timeline counts per day in the org time zone, gaps filled with zeros', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    // 20:00 UTC on the 2nd is 01:30 on the 3rd in Kolkata.
    const c = await coupon(w.sql, o.id, '2025-03-02T20:00:00.000Z');
    await coupon(w.sql, o.id, '2025-03-02T10:00:00.000Z');
    await coupon(w.sql, o.id, null);
    await redemption(w.sql, o.id, c, '2025-03-05T05:00:00.000Z');
    await redemption(w.sql, o.id, c, '2025-03-05T06:00:00.000Z', true);
    const { days } = await getOfferTimeline(o.id, w.ctx);
    expect(days).toEqual([
      { date: '2025-03-02', issued: 1, redeemed: 0 },
      { date: '2025-03-03', issued: 1, redeemed: 0 },
      { date: '2025-03-04', issued: 0, redeemed: 0 },
      { date: '2025-03-05', issued: 0, redeemed: 1 },
    ]);
    await setOrgSettings(w.sql, { timeZone: 'Europe/London' });
    const london = await getOfferTimeline(o.id, w.ctx);
    expect(london.days.map((d) => [d.date, d.issued])).toEqual([
      ['2025-03-02', 2],
      ['2025-03-03', 0],
      ['2025-03-04', 0],
      ['2025-03-05', 0],
    ]);
    await setOrgSettings(w.sql, { timeZone: 'Asia/Kolkata' });
    const none = await createOffer(offerConfig(), w.ctx);
    expect((await getOfferTimeline(none.id, w.ctx)).days).toEqual([]);
  });

  it('sync flag: column, scope rows and config change together', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    const out = await setOfferSync(
      {
        id: o.id,
        enabled: true,
        scope: [
          { type: 'ZONE', id: 'Z1' },
          { type: 'STORE', id: 'S3' },
        ],
      },
      w.ctx,
    );
    expect(out).toEqual({
      id: o.id,
      enabled: true,
      scope: [
        { type: 'ZONE', id: 'Z1' },
        { type: 'STORE', id: 'S3' },
      ],
    });
    const after = await loadOffer(w.sql, o.id);
    expect(after?.syncToInStore).toEqual({ enabled: true, scope: out.scope });
    expect(after?.version).toBe(2);
    const rows = await w.sql.query(
      'SELECT entity_type, entity_id FROM offer_sync_scope WHERE offer_id = $1 ORDER BY 1',
      [o.id],
    );
    expect(rows).toEqual([
      { entity_type: 'STORE', entity_id: 'S3' },
      { entity_type: 'ZONE', entity_id: 'Z1' },
    ]);
    await setOfferSync({ id: o.id, enabled: false, scope: [] }, w.ctx);
    expect((await loadOffer(w.sql, o.id))?.syncToInStore).toEqual({ enabled: false, scope: [] });
    const [flag] = await w.sql.query('SELECT sync_enabled FROM offers WHERE id = $1', [o.id]);
    expect(flag).toEqual({ sync_enabled: false });
    await expect(
      setOfferSync({ id: o.id, enabled: true, scope: [{ type: 'STORE', id: 'Z1' }] }, w.ctx),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      setOfferSync({ id: 'nope', enabled: true, scope: [] }, w.ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a store manager sets sync for their own stores only, leaving other stores alone', async () => {
    const o = await createOffer(offerConfig(), w.ctx);
    const manager = (storeIds: string[]) => ({
      ...w.ctx,
      principal: {
        kind: 'user' as const,
        userId: 'm',
        username: `mgr-${storeIds.join('-')}`,
        role: 'store_manager' as const,
        storeIds,
      },
    });
    const s1 = await setOfferSync({ id: o.id, enabled: true, scope: [] }, manager(['S1']));
    expect(s1).toMatchObject({ enabled: true, scope: [{ type: 'STORE', id: 'S1' }] });
    const s3 = await setOfferSync(
      { id: o.id, enabled: true, scope: [{ type: 'TILL', id: 'TS3-1' }] },
      manager(['S3']),
    );
    expect(s3.scope).toEqual([
      { type: 'STORE', id: 'S1' },
      { type: 'TILL', id: 'TS3-1' },
    ]);
    const off = await setOfferSync({ id: o.id, enabled: false, scope: [] }, manager(['S1']));
    expect(off).toMatchObject({ enabled: true, scope: [{ type: 'TILL', id: 'TS3-1' }] });
    await expect(
      setOfferSync(
        { id: o.id, enabled: true, scope: [{ type: 'STORE', id: 'S2' }] },
        manager(['S1']),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setOfferSync(
        { id: o.id, enabled: true, scope: [{ type: 'ZONE', id: 'Z1' }] },
        manager(['S1']),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const last = await setOfferSync({ id: o.id, enabled: false, scope: [] }, manager(['S3']));
    expect(last).toEqual({ id: o.id, enabled: false, scope: [] });
    // Synced everywhere by back office: a store cannot narrow it.
    await setOfferSync({ id: o.id, enabled: true, scope: [] }, w.ctx);
    await expect(
      setOfferSync({ id: o.id, enabled: false, scope: [] }, manager(['S1'])),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
