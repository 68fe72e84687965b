import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import { issuesOf, upload } from '../uploads/upload-helpers';
import { apiError, makeCustomer, makeOffer, makeWorld, T0, type World } from './fixtures';
import { eachDialect } from './test-db';

/**
 * A migrated coupon's issuedAt may not be in the future, refused the same way (same code, same
 * message) by the single-issue API and by a CSV row; the world's clock stands at T0.
 */
eachDialect('coupons: issuedAt in the future, one rule for the API and CSV', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const message = (raw: string) =>
    `issuedAt "${raw}" is in the future; give the time the coupon was actually issued`;
  const oneMsLater = new Date(Date.parse(T0) + 1).toISOString();

  it.each([
    ['one millisecond after now', oneMsLater, true],
    ['next year, with an offset', '2026-03-10T12:00:00+05:30', true],
    ['exactly now', T0, false],
    ['last month, with an offset', '2025-02-10T12:00:00+05:30', false],
  ])('%s (%s): refused %s', async (_label, issuedAt, refused) => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const call = issueCoupon(
      { id: offer.id, customer: { userId: who.userId as string }, issuedAt },
      w.ctx,
    );
    const csv = `userId,issuedAt\n${who.userId as string},${issuedAt}\n`;
    if (!refused) {
      expect((await call).coupon.issuedAt).toBe(new Date(issuedAt).toISOString());
      return;
    }
    const e = await apiError(call);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(message(issuedAt));
    expect(e.details).toEqual({
      field: 'issuedAt',
      reasons: [{ code: 'INVALID_ISSUED_AT', message: message(issuedAt), field: 'issuedAt' }],
    });
    // Nothing was issued; the CSV path says exactly the same about the same value.
    expect(await w.sql.query('SELECT 1 FROM coupons WHERE offer_id = $1', [offer.id])).toEqual([]);
    const up = await upload(w.ctx, offer.id, csv);
    expect(up).toMatchObject({ okRows: 0, errorRows: 1 });
    expect((await issuesOf(w.ctx, up.id)).map((i) => [i.field, i.code, i.message])).toEqual([
      ['issuedAt', 'INVALID_ISSUED_AT', message(issuedAt)],
    ]);
  });
});
