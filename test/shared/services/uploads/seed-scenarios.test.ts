import { afterAll, beforeAll, expect, it } from 'vitest';
import { uploadsHandlers } from '#shared/services/uploads/handlers';
import { makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { csvOf, issuesOf, upload } from './upload-helpers';

/**
 * The coupon management seed, "Error scenarios when issuing multiple coupons to a customer":
 * each scenario's offer settings and steps, through the upload service, with the outcome the
 * seed describes. Rules apply in file order, counting earlier rows of the same file.
 */
eachDialect('uploads: the seed’s error scenarios', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const couponsOf = async (offerId: string, customerId: string) =>
    (
      await w.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM coupons WHERE offer_id = $1 AND customer_id = $2',
        [offerId, customerId],
      )
    )[0]?.n;

  it('max 3 per customer: 4 rows → 3 issued; the same file again → none; one row → none', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'DiscCode max 3',
      issuance: { maxPerCustomer: 3, minGapDays: null, totalLimit: null },
    });
    const c = await makeCustomer(w.ctx);
    const file = csvOf('userId', [c.userId, c.userId, c.userId, c.userId] as string[]);

    const first = await upload(w.ctx, offer.id, file);
    expect(first).toMatchObject({
      status: 'DONE',
      totalRows: 4,
      processedRows: 4,
      okRows: 3,
      errorRows: 1,
    });
    const firstIssues = await issuesOf(w.ctx, first.id);
    expect(firstIssues).toEqual([
      {
        row: '5',
        identifier: c.userId,
        field: 'userId',
        code: 'MAX_ISSUALS_PER_CUSTOMER_REACHED',
        message: `Customer ${c.id} already has 3 coupons from this offer; the maximum per customer is 3`,
      },
    ]);
    expect(await couponsOf(offer.id, c.id)).toBe(3);

    const again = await upload(w.ctx, offer.id, file);
    expect(again).toMatchObject({ status: 'DONE', okRows: 0, errorRows: 4 });
    expect((await issuesOf(w.ctx, again.id)).map((i) => [i.row, i.code])).toEqual([
      ['2', 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
      ['3', 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
      ['4', 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
      ['5', 'MAX_ISSUALS_PER_CUSTOMER_REACHED'],
    ]);

    const one = await upload(w.ctx, offer.id, csvOf('userId', [c.userId as string]));
    expect(one).toMatchObject({ okRows: 0, errorRows: 1 });
    expect((await issuesOf(w.ctx, one.id))[0]?.code).toBe('MAX_ISSUALS_PER_CUSTOMER_REACHED');
    expect(await couponsOf(offer.id, c.id)).toBe(3);
  });

  it('min gap of 1 day: 4 rows on one day → the first issued, 3 refused for the gap', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'DiscCode gap 1',
      issuance: { maxPerCustomer: 3, minGapDays: 1, totalLimit: null },
    });
    const c = await makeCustomer(w.ctx);
    const up = await upload(w.ctx, offer.id, csvOf('userId', Array(4).fill(c.userId)));
    expect(up).toMatchObject({ okRows: 1, errorRows: 3 });
    const issues = await issuesOf(w.ctx, up.id);
    expect(issues.map((i) => [i.row, i.code])).toEqual([
      ['3', 'ISSUAL_GAP_NOT_MET'],
      ['4', 'ISSUAL_GAP_NOT_MET'],
      ['5', 'ISSUAL_GAP_NOT_MET'],
    ]);
    expect(issues[0]?.message).toContain('the next one is allowed from 11 Mar 2025');
  });

  it('series limit 2: 4 rows for one customer → 2 issued, 2 refused for the series limit', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'DiscCode series 2',
      issuance: { maxPerCustomer: null, minGapDays: null, totalLimit: 2 },
    });
    const c = await makeCustomer(w.ctx);
    const up = await upload(w.ctx, offer.id, csvOf('userId', Array(4).fill(c.userId)));
    expect(up).toMatchObject({ okRows: 2, errorRows: 2 });
    expect((await issuesOf(w.ctx, up.id)).map((i) => [i.row, i.code])).toEqual([
      ['4', 'ISSUAL_LIMIT_REACHED'],
      ['5', 'ISSUAL_LIMIT_REACHED'],
    ]);
    const [o] = await w.sql.query<{ issued_count: number }>(
      'SELECT issued_count FROM offers WHERE id = $1',
      [offer.id],
    );
    expect(o?.issued_count).toBe(2);
  });

  it('generic coupon: 4 rows → one common code issued; the same file again → none', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'Generic',
      codeGeneration: { method: 'COMMON', code: 'GENERIC50' },
    });
    const c = await makeCustomer(w.ctx);
    const file = csvOf('userId', Array(4).fill(c.userId));
    const first = await upload(w.ctx, offer.id, file);
    expect(first).toMatchObject({ okRows: 1, errorRows: 3 });
    expect((await issuesOf(w.ctx, first.id)).map((i) => [i.row, i.code])).toEqual([
      ['3', 'GENERIC_ALREADY_ISSUED'],
      ['4', 'GENERIC_ALREADY_ISSUED'],
      ['5', 'GENERIC_ALREADY_ISSUED'],
    ]);
    const again = await upload(w.ctx, offer.id, file);
    expect(again).toMatchObject({ okRows: 0, errorRows: 4 });
    const rows = await w.sql.query<{ code: string }>(
      'SELECT code FROM coupons WHERE offer_id = $1',
      [offer.id],
    );
    expect(rows).toEqual([{ code: 'GENERIC50' }]);
  });

  it('invalid identifiers of each kind, with the seed’s messages, when uploading codes', async () => {
    const offer = await makeOffer(w.ctx, {
      name: 'Migrated',
      codeGeneration: { method: 'UPLOADED' },
    });
    const cases = [
      ['userId', 'abc123', 'Invalid user ID "abc123"'],
      ['email', 'jane.example.com', 'Invalid email ID "jane.example.com"'],
      ['mobile', '12ab', 'Invalid mobile number "12ab"'],
      ['externalId', 'ext id!', 'Invalid external ID "ext id!"'],
    ] as const;
    for (const [column, value, message] of cases) {
      const up = await upload(
        w.ctx,
        offer.id,
        `${column},code\n${value},MIG-${column.toUpperCase()}\n`,
        'CODES_WITH_CUSTOMERS',
      );
      expect(up).toMatchObject({ okRows: 0, errorRows: 1 });
      const [issue] = await issuesOf(w.ctx, up.id);
      expect(issue).toMatchObject({
        row: '2',
        identifier: value,
        field: column,
        code: 'INVALID_IDENTIFIER',
      });
      expect(issue?.message.startsWith(message)).toBe(true);
    }
  });

  it('serves the issues file as CSV: row, identifier, field, code, message', async () => {
    const offer = await makeOffer(w.ctx, { name: 'Issues file', issuance: { maxPerCustomer: 1 } });
    const c = await makeCustomer(w.ctx);
    const up = await upload(
      w.ctx,
      offer.id,
      `userId\n${c.userId}\n\nnot-a-number\n${c.userId}\n55555555555\n`,
    );
    expect(up).toMatchObject({ totalRows: 4, okRows: 1, errorRows: 3 });
    const { csv } = await uploadsHandlers['uploads-issues']({ id: up.id }, w.ctx);
    // Rows are line numbers with the header as row 1: the blank line 3 still counts.
    expect(csv).toBe(
      [
        'row,identifier,field,code,message',
        '4,not-a-number,userId,INVALID_IDENTIFIER,"Invalid user ID ""not-a-number"": user id must be digits only"',
        `5,${c.userId},userId,MAX_ISSUALS_PER_CUSTOMER_REACHED,Customer ${c.id} already has one coupon from this offer; the maximum per customer is 1`,
        '6,55555555555,userId,CUSTOMER_NOT_FOUND,"No customer with user ID ""55555555555""; register the customer first or correct the identifier"',
      ].join('\n'),
    );
  });
});
