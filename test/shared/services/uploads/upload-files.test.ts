import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRandomizedSeries } from '#shared/codes/randomized-series';
import { loadSeriesKey } from '#shared/services/offers/offer-repo';
import { revokeCoupons } from '#shared/services/revoke/revoke-coupons';
import { uploadsHandlers } from '#shared/services/uploads/handlers';
import { apiError, makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { csvOf, issuesOf, upload } from './upload-helpers';

eachDialect('uploads: headers, codes, pools and migrated coupons', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  it('fails a file whose header is wrong, naming the headers expected', async () => {
    const offer = await makeOffer(w.ctx);
    const unknown = await upload(w.ctx, offer.id, 'customer,amount\n1,2\n');
    expect(unknown.status).toBe('FAILED');
    expect(unknown.message).toBe(
      'The header row has unknown column "customer"; unknown column "amount"; no identifier column. ' +
        'Expected one identifier column (userId, email, mobile or externalId), optionally an issuedAt column, e.g. "userId".',
    );
    const two = await upload(w.ctx, offer.id, 'user_id,email\n1,a@b.co\n');
    expect(two.message).toContain('more than one identifier column (user_id, email); keep one');
    const codeOnAuto = await upload(w.ctx, offer.id, 'userId,code\n1,ABC\n');
    expect(codeOnAuto.message).toContain('column "code" is not expected');
    const empty = await upload(w.ctx, offer.id, '');
    expect(empty).toMatchObject({ status: 'FAILED', message: expect.stringContaining('empty') });
    const headerOnly = await upload(w.ctx, offer.id, 'External_ID\n');
    expect(headerOnly).toMatchObject({ status: 'DONE', okRows: 0, errorRows: 0 });
    expect(await w.sql.query('SELECT 1 FROM coupons WHERE offer_id = $1', [offer.id])).toEqual([]);
  });

  it('refuses code uploads to an offer that makes its own codes, before queuing anything', async () => {
    const offer = await makeOffer(w.ctx);
    const e = await apiError(
      uploadsHandlers['uploads-create'](
        { id: offer.id, csv: 'code\nA1B2C3\n', kind: 'CODES', fileName: 'x.csv' },
        w.ctx,
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect((await uploadsHandlers['uploads-list']({ id: offer.id }, w.ctx)).items).toEqual([]);
  });

  it('checks uploaded codes: characters, length, duplicates naming the first row, already in offer', async () => {
    const offer = await makeOffer(w.ctx, { codeGeneration: { method: 'UPLOADED' } });
    const up = await upload(
      w.ctx,
      offer.id,
      csvOf('code', ['SUMMER-001', 'summer-002', 'bad code', 'AB', 'Summer-001', 'SUMMER-003']),
      'CODES',
    );
    expect(up).toMatchObject({ status: 'DONE', okRows: 3, errorRows: 3 });
    const issues = await issuesOf(w.ctx, up.id);
    expect(issues.map((i) => [i.row, i.field, i.code])).toEqual([
      ['4', 'code', 'CODE_BAD_CHAR'],
      ['5', 'code', 'CODE_TOO_SHORT'],
      ['6', 'code', 'CODE_DUPLICATE_IN_FILE'],
    ]);
    expect(issues[2]?.message).toContain('already appears in row 2');
    const again = await upload(
      w.ctx,
      offer.id,
      csvOf('code', ['SUMMER-003', 'SUMMER-004']),
      'CODES',
    );
    expect(again).toMatchObject({ okRows: 1, errorRows: 1 });
    expect((await issuesOf(w.ctx, again.id))[0]).toMatchObject({
      row: '2',
      code: 'CODE_EXISTS_IN_OFFER',
    });
    const rows = await w.sql.query<{
      code: string;
      issued_at: string | null;
      customer_id: string | null;
    }>('SELECT code, issued_at, customer_id FROM coupons WHERE offer_id = $1 ORDER BY code', [
      offer.id,
    ]);
    expect(rows.map((r) => r.code)).toEqual([
      'SUMMER-001',
      'SUMMER-002',
      'SUMMER-003',
      'SUMMER-004',
    ]);
    expect(rows.every((r) => r.issued_at === null && r.customer_id === null)).toBe(true);

    // Customers on this offer take the unissued codes, oldest first, until none is left.
    const people = [
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
    ];
    const few = await makeOffer(w.ctx, { codeGeneration: { method: 'UPLOADED' } });
    await upload(w.ctx, few.id, csvOf('code', ['FEW-1', 'FEW-2']), 'CODES');
    const given = await upload(
      w.ctx,
      few.id,
      csvOf(
        'userId',
        people.map((p) => p.userId as string),
      ),
    );
    expect(given).toMatchObject({ okRows: 2, errorRows: 1 });
    expect((await issuesOf(w.ctx, given.id))[0]).toMatchObject({ row: '4', code: 'NO_CODES_LEFT' });
  });

  it('issues codes with customers, keeps migrated issue times, and transfers a revoked code', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'UPLOADED' },
      couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 30 },
    });
    const [a, b] = [await makeCustomer(w.ctx), await makeCustomer(w.ctx)];
    const up = await upload(
      w.ctx,
      offer.id,
      `userId,code,issuedAt\n${a.userId},OLD-1,2025-02-20T10:00:00+05:30\n${b.userId},OLD-2,\n${b.userId},OLD-1,\n${a.userId},OLD-3,2031-01-01\n`,
      'CODES_WITH_CUSTOMERS',
    );
    expect(up).toMatchObject({ okRows: 2, errorRows: 2 });
    expect((await issuesOf(w.ctx, up.id)).map((i) => [i.row, i.code])).toEqual([
      ['4', 'CODE_DUPLICATE_IN_FILE'],
      ['5', 'INVALID_ISSUED_AT'],
    ]);
    const [old1] = await w.sql.query<{
      customer_id: string;
      issued_at: string;
      expires_at: string;
    }>("SELECT customer_id, issued_at, expires_at FROM coupons WHERE code = 'OLD-1'");
    expect(old1).toEqual({
      customer_id: a.id,
      issued_at: '2025-02-20T04:30:00.000Z',
      expires_at: '2025-03-22T18:29:59.999Z',
    });
    // Already issued: cannot go to b…
    const taken = await upload(
      w.ctx,
      offer.id,
      `userId,code\n${b.userId},OLD-1\n`,
      'CODES_WITH_CUSTOMERS',
    );
    expect((await issuesOf(w.ctx, taken.id))[0]?.code).toBe('CODE_ALREADY_ISSUED');
    // …until a's coupons are revoked (seed: "Transfer of Coupon").
    await revokeCoupons(
      { id: offer.id, mode: 'CUSTOMERS', customers: [{ userId: a.userId as string }] },
      w.ctx,
    );
    const moved = await upload(
      w.ctx,
      offer.id,
      `userId,code\n${b.userId},OLD-1\n`,
      'CODES_WITH_CUSTOMERS',
    );
    expect(moved).toMatchObject({ okRows: 1, errorRows: 0 });
    const [now1] = await w.sql.query<{ customer_id: string; state: string }>(
      "SELECT customer_id, state FROM coupons WHERE code = 'OLD-1'",
    );
    expect(now1).toEqual({ customer_id: b.id, state: 'ACTIVE' });
    const audit = await w.sql.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'coupons.upload-assign'",
      [offer.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('issues randomized codes to a customer file in permutation order', async () => {
    const offer = await makeOffer(w.ctx, {
      codeGeneration: { method: 'RANDOMIZED_COMMON', sample: 'WELCOME1' },
    });
    const people = [
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
      await makeCustomer(w.ctx),
    ];
    const up = await upload(
      w.ctx,
      offer.id,
      csvOf(
        'userId',
        people.map((p) => p.userId as string),
      ),
    );
    expect(up).toMatchObject({ okRows: 3, errorRows: 0 });
    const series = createRandomizedSeries({
      sample: 'WELCOME1',
      fixedPart: offer.fixedPart as string,
      key: (await loadSeriesKey(w.sql, offer.id)) as Uint8Array,
    });
    const rows = await w.sql.query<{ code: string; customer_id: string }>(
      'SELECT code, customer_id FROM coupons WHERE offer_id = $1',
      [offer.id],
    );
    const indexOf = new Map(rows.map((r) => [r.customer_id, series.indexOf(r.code)]));
    expect(people.map((p) => indexOf.get(p.id))).toEqual([0, 1, 2]);
  });

  it('resends instead of refusing when the offer says to send the existing valid coupon', async () => {
    const offer = await makeOffer(w.ctx, {
      issuance: { maxPerCustomer: 1, onRematch: 'SEND_EXISTING' },
    });
    const c = await makeCustomer(w.ctx);
    const up = await upload(w.ctx, offer.id, csvOf('userId', [c.userId, c.userId] as string[]));
    expect(up).toMatchObject({ okRows: 2, errorRows: 0 });
    const rows = await w.sql.query('SELECT id FROM coupons WHERE offer_id = $1', [offer.id]);
    expect(rows).toHaveLength(1);
  });

  it('lists an offer’s uploads newest first', async () => {
    const offer = await makeOffer(w.ctx);
    const c = await makeCustomer(w.ctx);
    const first = await upload(w.ctx, offer.id, csvOf('userId', [c.userId as string]));
    w.advance(1000);
    const second = await upload(w.ctx, offer.id, csvOf('userId', [c.userId as string]));
    const list = await uploadsHandlers['uploads-list']({ id: offer.id }, w.ctx);
    expect(list.items.map((u) => u.id)).toEqual([second.id, first.id]);
    expect(list.items[0]).toMatchObject({ fileName: 'upload.csv', kind: 'CUSTOMERS' });
  });
});
