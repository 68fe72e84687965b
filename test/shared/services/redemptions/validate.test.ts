import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerContext } from '#shared/api/handlers';
import { createRandomizedSeries } from '#shared/codes/randomized-series';
import { couponsHandlers } from '#shared/services/coupons/handlers';
import { customersHandlers } from '#shared/services/customers/handlers';
import { loadSeriesKey } from '#shared/services/offers/offer-repo';
import { listRedemptions } from '#shared/services/redemptions/list-redemptions';
import { apiError, makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issueTo, redeemAs, validateAs } from './helpers';

const codesOf = (v: { reasons: { code: string }[] }) => v.reasons.map((r) => r.code).sort();

eachDialect('redemptions: validate, scope, time zones, listing', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
    // S3 sells in AED; the offers' amounts are in INR.
    await w.sql.query(
      `INSERT INTO currency_rates (from_ccy, to_ccy, rate, effective_from) VALUES
         ('INR', 'AED', 0.044, '2025-01-01T00:00:00Z'), ('AED', 'INR', 22.7, '2025-01-01T00:00:00Z')`,
    );
  });
  afterAll(() => w.db.close());

  it('answers the discount and the coupon, or every reason, without writing', async () => {
    const offer = await makeOffer(w.ctx, { redemption: { minBill: '2000' } });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const ok = await validateAs(w.ctx, code, who, { billAmount: '2500' });
    expect(ok).toMatchObject({
      valid: true,
      discount: { amount: '100.00', currency: 'INR', capped: false },
      reasons: [],
      offerId: offer.id,
      offerName: 'Ten off',
    });
    expect(ok.couponId).toEqual(expect.any(String));
    const low = await validateAs(w.ctx, code, who, { billAmount: '1500' });
    expect(low).toMatchObject({ valid: false, discount: null });
    expect(codesOf(low)).toEqual(['BILL_BELOW_MINIMUM']);
    const someoneElse = await makeCustomer(w.ctx);
    expect(codesOf(await validateAs(w.ctx, code, someoneElse, { billAmount: '2500' }))).toEqual([
      'NOT_RECIPIENT',
    ]);
    expect(await w.sql.query('SELECT 1 FROM redemptions WHERE code = $1', [code])).toEqual([]);
  });

  it('reads hours of the day in the store’s own time zone', async () => {
    const offer = await makeOffer(w.ctx, {
      redemption: { hours: [{ from: '10:00', to: '22:00' }] },
    });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const at = (iso: string, storeId: string, tillId: string) =>
      validateAs(w.ctx, code, who, { at: iso, storeId, tillId });
    // The day after issue: 04:45Z is 10:15 in Kolkata but 08:45 in Dubai.
    expect((await at('2025-03-11T04:45:00Z', 'S1', 'TS1-1')).valid).toBe(true);
    expect(codesOf(await at('2025-03-11T04:45:00Z', 'S3', 'TS3-1'))).toEqual(['HOUR_NOT_ALLOWED']);
    // 06:15Z is 11:45 in Kolkata and 10:15 in Dubai.
    expect((await at('2025-03-11T06:15:00Z', 'S3', 'TS3-1')).valid).toBe(true);
    // 16:45Z is 22:15 in Kolkata (closed) and 20:45 in Dubai (open).
    expect(codesOf(await at('2025-03-11T16:45:00Z', 'S1', 'TS1-1'))).toEqual(['HOUR_NOT_ALLOWED']);
    expect((await at('2025-03-11T16:45:00Z', 'S3', 'TS3-1')).valid).toBe(true);
  });

  it('ends a days-from-issue coupon at midnight of the issuing zone', async () => {
    const offer = await makeOffer(w.ctx, { couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 1 } });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    // Issued 10 March 12:00 IST → valid through 11 March 23:59:59.999 IST = 18:29:59.999Z.
    expect((await validateAs(w.ctx, code, who, { at: '2025-03-11T18:29:00Z' })).valid).toBe(true);
    expect(codesOf(await validateAs(w.ctx, code, who, { at: '2025-03-11T18:30:00Z' }))).toEqual([
      'COUPON_EXPIRED',
    ]);
  });

  it('honours store, zone and till tags of the offer', async () => {
    const zone = await makeOffer(w.ctx, { redemption: { stores: [{ type: 'ZONE', id: 'Z1' }] } });
    const till = await makeOffer(w.ctx, {
      redemption: { stores: [{ type: 'TILL', id: 'TS2-2' }] },
    });
    const who = await makeCustomer(w.ctx);
    const zoneCode = await issueTo(w.ctx, zone, who);
    const tillCode = await issueTo(w.ctx, till, who);
    expect((await validateAs(w.ctx, zoneCode, who, { storeId: 'S2', tillId: 'TS2-1' })).valid).toBe(
      true,
    );
    expect(
      codesOf(await validateAs(w.ctx, zoneCode, who, { storeId: 'S3', tillId: 'TS3-1' })),
    ).toEqual(['STORE_NOT_ALLOWED']);
    expect((await validateAs(w.ctx, tillCode, who, { storeId: 'S2', tillId: 'TS2-2' })).valid).toBe(
      true,
    );
    expect(
      codesOf(await validateAs(w.ctx, tillCode, who, { storeId: 'S2', tillId: 'TS2-1' })),
    ).toEqual(['STORE_NOT_ALLOWED']);
    // A till of another store is a bad request, not a rule.
    expect(
      (await apiError(validateAs(w.ctx, zoneCode, who, { storeId: 'S1', tillId: 'TS2-1' }))).code,
    ).toBe('INVALID_INPUT');
  });

  it('finds a common code by the presenting customer, and anyone’s where anyone may redeem', async () => {
    const mine = await makeOffer(w.ctx, { codeGeneration: { method: 'COMMON', code: 'FAMILY10' } });
    const shared = await makeOffer(w.ctx, {
      codeGeneration: { method: 'COMMON', code: 'FRIENDS10' },
      redemption: { allowAnyone: true, moreThanOnce: true, customerLimit: 1 },
    });
    const holder = await makeCustomer(w.ctx);
    const other = await makeCustomer(w.ctx);
    await issueTo(w.ctx, mine, holder);
    await issueTo(w.ctx, shared, holder);
    const own = await validateAs(w.ctx, 'family10', holder);
    expect(own).toMatchObject({ valid: true, offerId: mine.id });
    expect(codesOf(await validateAs(w.ctx, 'FAMILY10', other))).toEqual(['NOT_RECIPIENT']);
    const friend = await redeemAs(w.ctx, 'FRIENDS10', other);
    expect(friend.redemption.customerId).toBe(other.id);
    expect(codesOf(await validateAs(w.ctx, 'FRIENDS10', other))).toEqual([
      'CUSTOMER_LIMIT_REACHED',
    ]);
    expect((await validateAs(w.ctx, 'FRIENDS10', holder)).valid).toBe(true);
  });

  it('tells a randomized code not issued yet from an unknown code', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'ABCDE98765' },
    });
    const who = await makeCustomer(w.ctx);
    const issued = await issueTo(w.ctx, offer, who);
    const series = createRandomizedSeries({
      sample: 'ABCDE98765',
      fixedPart: offer.fixedPart as string,
      key: (await loadSeriesKey(w.sql, offer.id)) as Uint8Array,
    });
    expect(series.indexOf(issued)).toBe(0);
    const later = await validateAs(w.ctx, series.codeAt(41), who);
    expect(later).toMatchObject({ valid: false, offerId: offer.id, couponId: null });
    expect(codesOf(later)).toEqual(['COUPON_NOT_ISSUED']);
    // The issued one has no coupon here any more (a replica that has not synced it).
    await w.sql.query('UPDATE coupons SET code = $2 WHERE code = $1', [issued, 'GONE-0001']);
    expect(codesOf(await validateAs(w.ctx, issued, who))).toEqual(['COUPON_NOT_SYNCED']);
    expect(codesOf(await validateAs(w.ctx, 'ZZZZZ00000', who))).toEqual(['CODE_NOT_FOUND']);
  });

  it('a common code nobody has been issued names its offer and the reason, even where anyone may redeem', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'COMMON', code: 'OPEN10' },
      redemption: { allowAnyone: true },
    });
    const [first, friend] = [await makeCustomer(w.ctx), await makeCustomer(w.ctx)];
    const before = await validateAs(w.ctx, 'open10', friend);
    expect(before).toMatchObject({ valid: false, offerId: offer.id, couponId: null });
    expect(before.reasons).toEqual([
      {
        code: 'COUPON_NOT_ISSUED',
        message: `Code OPEN10 is the common code of offer "${offer.name}", which has not been issued to any customer yet; issue it to at least one customer before anyone can redeem it`,
        field: 'code',
      },
    ]);
    const refused = await apiError(redeemAs(w.ctx, 'OPEN10', friend));
    expect(refused.details).toMatchObject({ reasons: [{ code: 'COUPON_NOT_ISSUED' }] });
    expect(await w.sql.query('SELECT 1 FROM redemptions WHERE offer_id = $1', [offer.id])).toEqual(
      [],
    );
    // Issued to one customer, anyone may redeem it.
    await issueTo(w.ctx, offer, first);
    expect((await redeemAs(w.ctx, 'OPEN10', friend)).redemption.customerId).toBe(friend.id);
    // Every issued coupon revoked: the answer is the revocation, not "never issued".
    await w.sql.query(`UPDATE coupons SET state = 'REVOKED' WHERE offer_id = $1`, [offer.id]);
    expect(codesOf(await validateAs(w.ctx, 'OPEN10', first))).toEqual(['COUPON_REVOKED']);
  });

  it('lists redemptions newest first, filtered, and only the stores a user may see', async () => {
    const offer = await makeOffer(w.ctx, { redemption: { allowAnyone: true, moreThanOnce: true } });
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const ids: string[] = [];
    for (const [i, storeId] of ['S1', 'S2', 'S1'].entries()) {
      w.setNow(new Date(Date.parse('2025-03-10T07:00:00Z') + i * 60_000));
      const tillId = `T${storeId}-1`;
      ids.push((await redeemAs(w.ctx, code, who, { storeId, tillId })).redemption.id);
    }
    const all = await listRedemptions({ offerId: offer.id, limit: 20 }, w.ctx);
    expect(all.items.map((r) => r.id)).toEqual([...ids].reverse());
    const s2 = await listRedemptions({ offerId: offer.id, storeId: 'S2', limit: 20 }, w.ctx);
    expect(s2.items.map((r) => r.id)).toEqual([ids[1]]);
    const cashier: HandlerContext = {
      ...w.ctx,
      principal: {
        kind: 'user',
        userId: 'u-c',
        username: 'cash-s1',
        role: 'cashier',
        storeIds: ['S1'],
      },
    };
    const mine = await listRedemptions({ offerId: offer.id, limit: 1 }, cashier);
    expect(mine.items.map((r) => r.id)).toEqual([ids[2]]);
  });

  it('shows a code’s coupons by code, or says it is unknown', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const code = await issueTo(w.ctx, offer, who);
    const got = await couponsHandlers['coupons-get']({ code: ` ${code.toLowerCase()} ` }, w.ctx);
    expect(got.items).toHaveLength(1);
    expect(got.items[0]).toMatchObject({
      code,
      status: 'ACTIVE',
      offerName: 'Ten off',
      isReversed: false,
    });
    const e = await apiError(couponsHandlers['coupons-get']({ code: 'NOPE-NOPE' }, w.ctx));
    expect(e.code).toBe('NOT_FOUND');
    const none = await apiError(
      customersHandlers['customers-coupons']({ ref: 'userId:31337' }, w.ctx),
    );
    expect(none.code).toBe('NOT_FOUND');
  });
});
