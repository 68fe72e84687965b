import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import { revokeHandlers } from '#shared/services/revoke/handlers';
import { apiError, makeCustomer, makeOffer, useCouponWorld } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { redeemAs, refusal } from '../redemptions/helpers';
import { issueCoupon } from '#shared/services/coupons/issue-coupon';
import { reverseRedemption } from '#shared/services/redemptions/reverse';

const revoke = revokeHandlers['coupons-revoke'];
const preview = revokeHandlers['coupons-revoke-preview'];

/**
 * An uploaded-code offer holding: two unissued codes, a's active coupon, a's redeemed coupon,
 * b's coupon whose only redemption was reversed, and c's active coupon.
 */
eachDialect('coupons: revoke', (dialect) => {
  const w = useCouponWorld(dialect);
  let a: Customer;
  let b: Customer;
  let c: Customer;
  let offer: Offer;
  let seq = 0;

  beforeAll(async () => {
    [a, b, c] = [await makeCustomer(w.ctx), await makeCustomer(w.ctx), await makeCustomer(w.ctx)];
  });

  beforeEach(async () => {
    seq++;
    offer = await makeOffer(w.ctx, {
      name: `Revocable ${seq}`,
      codeGeneration: { method: 'UPLOADED' },
    });
    const codes = ['FREE1', 'FREE2', 'A-ACTIVE', 'A-USED', 'B-REVERSED', 'C-ACTIVE'].map(
      (x) => `R${seq}-${x}`,
    );
    for (const [i, code] of codes.entries()) {
      await w.sql.query(
        'INSERT INTO coupons (id, offer_id, code, created_at) VALUES ($1, $2, $3, $4)',
        [`${code}-${dialect}`, offer.id, code, `2025-03-01T00:00:0${i}Z`],
      );
    }
    const issue = (who: Customer, code: string) =>
      issueCoupon(
        { id: offer.id, customer: { userId: who.userId as string }, code: `R${seq}-${code}` },
        w.ctx,
      );
    await issue(a, 'A-ACTIVE');
    await issue(a, 'A-USED');
    await issue(b, 'B-REVERSED');
    await issue(c, 'C-ACTIVE');
    await redeemAs(w.ctx, `R${seq}-A-USED`, a);
    const r = await redeemAs(w.ctx, `R${seq}-B-REVERSED`, b);
    await reverseRedemption({ id: r.redemption.id, reason: 'test' }, w.ctx);
  });

  const states = async () =>
    Object.fromEntries(
      (
        await w.sql.query<{ code: string; state: string }>(
          'SELECT code, state FROM coupons WHERE offer_id = $1 ORDER BY code',
          [offer.id],
        )
      ).map((r) => [r.code.replace(`R${seq}-`, ''), r.state]),
    );

  it('all unredeemed: issued and unissued, never a redeemed one', async () => {
    const out = await revoke({ id: offer.id, mode: 'ALL_UNREDEEMED' }, w.ctx);
    expect(out.revoked).toBe(5);
    expect(out.codes.map((x) => x.replace(`R${seq}-`, '')).sort()).toEqual([
      'A-ACTIVE',
      'B-REVERSED',
      'C-ACTIVE',
      'FREE1',
      'FREE2',
    ]);
    expect(await states()).toEqual({
      'A-ACTIVE': 'REVOKED',
      'A-USED': 'ACTIVE',
      'B-REVERSED': 'REVOKED',
      'C-ACTIVE': 'REVOKED',
      FREE1: 'REVOKED',
      FREE2: 'REVOKED',
    });
    const [row] = await w.sql.query<{ revoked_at: string; last_status_change_on: string }>(
      'SELECT revoked_at, last_status_change_on FROM coupons WHERE code = $1',
      [`R${seq}-C-ACTIVE`],
    );
    expect(row).toEqual({
      revoked_at: w.ctx.now().toISOString(),
      last_status_change_on: w.ctx.now().toISOString(),
    });
    // Revoked coupons cannot be redeemed; the redeemed one keeps its history.
    expect(await refusal(redeemAs(w.ctx, `R${seq}-C-ACTIVE`, c))).toContain('COUPON_REVOKED');
  });

  it('the preview counts what each mode would revoke, and changes nothing', async () => {
    const before = await states();
    const all = await preview({ id: offer.id, mode: 'ALL_UNREDEEMED' }, w.ctx);
    expect(all).toEqual({ coupons: 5, unknownCustomers: [], closesIssuance: false });
    expect((await preview({ id: offer.id, mode: 'UNISSUED' }, w.ctx)).coupons).toBe(2);
    const listed = await preview(
      { id: offer.id, mode: 'CUSTOMERS', customersCsv: `user_id\n${a.userId}\n99999999\n` },
      w.ctx,
    );
    expect(listed.coupons).toBe(1);
    expect(listed.unknownCustomers.map((u) => u.row)).toEqual([3]);
    expect(await states()).toEqual(before);
    // The counts are what the revoke then does.
    expect((await revoke({ id: offer.id, mode: 'ALL_UNREDEEMED' }, w.ctx)).revoked).toBe(5);
  });

  it('only unissued', async () => {
    const out = await revoke({ id: offer.id, mode: 'UNISSUED' }, w.ctx);
    expect(out.revoked).toBe(2);
    expect(await states()).toMatchObject({
      FREE1: 'REVOKED',
      FREE2: 'REVOKED',
      'A-ACTIVE': 'ACTIVE',
      'C-ACTIVE': 'ACTIVE',
    });
  });

  it('listed customers: every unredeemed coupon of theirs, unknown ones reported per row', async () => {
    const out = await revoke(
      {
        id: offer.id,
        mode: 'CUSTOMERS',
        customersCsv: `user_id\n${a.userId}\n\n99999999\nnot-an-id\n${b.userId}\n`,
      },
      w.ctx,
    );
    expect(out.revoked).toBe(2);
    expect(await states()).toEqual({
      'A-ACTIVE': 'REVOKED',
      'A-USED': 'ACTIVE',
      'B-REVERSED': 'REVOKED',
      'C-ACTIVE': 'ACTIVE',
      FREE1: 'ACTIVE',
      FREE2: 'ACTIVE',
    });
    expect(out.unknownCustomers).toEqual([
      {
        row: 4,
        identifier: 'userId:99999999',
        message: 'No customer with userId 99999999; check the identifier',
      },
      {
        row: 5,
        identifier: 'userId:not-an-id',
        message: expect.stringContaining('Invalid user ID "not-an-id"'),
      },
    ]);
    const byList = await revoke(
      { id: offer.id, mode: 'CUSTOMERS', customers: [{ userId: c.userId as string }] },
      w.ctx,
    );
    expect(byList).toMatchObject({ revoked: 1, codes: [`R${seq}-C-ACTIVE`], unknownCustomers: [] });
    const audit = await w.sql.query<{ details: { mode: string; revoked: number } }>(
      `SELECT details FROM audit_log WHERE action = 'coupons.revoke' AND entity_id = $1 ORDER BY id`,
      [offer.id],
    );
    expect(audit.map((r) => [r.details.mode, r.details.revoked])).toEqual([
      ['CUSTOMERS', 2],
      ['CUSTOMERS', 1],
    ]);
  });

  it('says what is missing for a customers revoke, and names an unknown offer', async () => {
    expect((await apiError(revoke({ id: offer.id, mode: 'CUSTOMERS' }, w.ctx))).code).toBe(
      'INVALID_INPUT',
    );
    const badCsv = await apiError(
      revoke({ id: offer.id, mode: 'CUSTOMERS', customersCsv: 'name\nx\n' }, w.ctx),
    );
    expect(badCsv.message).toContain('unknown column "name"');
    expect((await apiError(revoke({ id: 'nope', mode: 'UNISSUED' }, w.ctx))).code).toBe(
      'NOT_FOUND',
    );
    expect(Object.values(await states()).every((s) => s === 'ACTIVE')).toBe(true);
  });
});
