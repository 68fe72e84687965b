import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeCoupons } from '#shared/services/revoke/revoke-coupons';
import { makeCustomer, makeOffer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issuesOf, upload } from './upload-helpers';

/**
 * A row whose only cell is `""` or spaces was written by someone: it is counted and reported
 * with its row number. Only a truly empty line (and the file's trailing newline) is skipped.
 */
eachDialect('uploads: rows holding nothing are reported, empty lines skipped', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const nothing = (field: string, what: string) => ({
    field,
    code: 'EMPTY_ROW',
    message: `This row holds nothing (only "" or spaces); delete the row or fill in its ${what}`,
  });

  it('a customer file: `""` and spaces are row errors, an empty line is not a row', async () => {
    const offer = await makeOffer(w.ctx);
    const [a, b] = [await makeCustomer(w.ctx), await makeCustomer(w.ctx)];
    const csv = `userId\n${a.userId}\n""\n   \n\n${b.userId}\n" "\n`;
    const up = await upload(w.ctx, offer.id, csv);
    expect(up).toMatchObject({ status: 'DONE', okRows: 2, errorRows: 3 });
    const issues = await issuesOf(w.ctx, up.id);
    expect(issues.map(({ row, field, code, message }) => ({ row, field, code, message }))).toEqual([
      { row: '3', ...nothing('userId', 'user ID') },
      { row: '4', ...nothing('userId', 'user ID') },
      { row: '7', ...nothing('userId', 'user ID') },
    ]);
  });

  it('a code file and a codes-with-customers file report them the same way', async () => {
    const offer = await makeOffer(w.ctx, { codeGeneration: { method: 'UPLOADED' } });
    const codes = await upload(w.ctx, offer.id, 'code\nEMPTY-001\n""\n\nEMPTY-002\n', 'CODES');
    expect(codes).toMatchObject({ status: 'DONE', okRows: 2, errorRows: 1 });
    expect((await issuesOf(w.ctx, codes.id)).map((i) => [i.row, i.field, i.code])).toEqual([
      ['3', 'code', 'EMPTY_ROW'],
    ]);
    const who = await makeCustomer(w.ctx, { email: 'empty.rows@example.com' });
    const paired = await upload(
      w.ctx,
      offer.id,
      `email,code\n${who.email as string},EMPTY-001\n  ,  \n`,
      'CODES_WITH_CUSTOMERS',
    );
    expect(paired).toMatchObject({ status: 'DONE', okRows: 1, errorRows: 1 });
    expect((await issuesOf(w.ctx, paired.id)).map((i) => [i.row, i.field, i.code])).toEqual([
      ['3', 'email', 'EMPTY_ROW'],
    ]);
  });

  it('a revoke file lists a `""` row among the unknown customers, and skips empty lines', async () => {
    const offer = await makeOffer(w.ctx);
    const who = await makeCustomer(w.ctx);
    const out = await revokeCoupons(
      { id: offer.id, mode: 'CUSTOMERS', customersCsv: `userId\n${who.userId}\n\n""\n` },
      w.ctx,
    );
    expect(out.unknownCustomers).toEqual([
      { row: 4, identifier: 'userId:', message: 'Invalid user ID "": it is empty' },
    ]);
  });
});
