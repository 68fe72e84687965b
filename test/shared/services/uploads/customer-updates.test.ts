import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customersHandlers } from '#shared/services/customers/handlers';
import { getCustomer } from '#shared/services/customers/customer-service';
import { getOrgSettings } from '#shared/services/org/org-settings';
import { uploadsHandlers } from '#shared/services/uploads/handlers';
import { whenUploadsIdle } from '#shared/services/uploads/upload-queue';
import { makeCustomer, makeWorld, type World } from '../coupons/fixtures';
import { eachDialect } from '../coupons/test-db';
import { issuesOf } from './upload-helpers';

/** Customer updates from a CSV: through the upload jobs, each bad row named with its fix. */
eachDialect('uploads: customer updates', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(dialect);
  });
  afterAll(() => w.db.close());

  const uploadUpdates = async (csv: string) => {
    const accepted = await customersHandlers['customers-uploads-create'](
      { csv, fileName: 'crm-export.csv' },
      w.ctx,
    );
    expect(accepted).toMatchObject({ status: 'QUEUED', offerId: null, kind: 'CUSTOMER_UPDATES' });
    await whenUploadsIdle(w.sql);
    return uploadsHandlers['uploads-get']({ id: accepted.id }, w.ctx);
  };

  it('changes the customers its rows name and reports every other row with its fix', async () => {
    const [a, b, c, d, e, f] = [
      await makeCustomer(w.ctx, { userId: '7001', transactionCount: 1 }),
      await makeCustomer(w.ctx, { userId: '7002' }),
      await makeCustomer(w.ctx, { userId: '7003' }),
      await makeCustomer(w.ctx, { userId: '7004' }),
      await makeCustomer(w.ctx, { userId: '7005' }),
      await makeCustomer(w.ctx, { userId: '7006', email: 'taken7006@example.com' }),
    ];
    const csv = [
      'user_id,Email,registeredAt,transactionCount',
      '7001,,2024-01-15,3',
      '7002,New7002@Example.com,2023-06-01T10:00:00+05:30,',
      '7099,,,5',
      '7001,,,9',
      'abc,,,1',
      '7003,taken7006@example.com,,',
      '7004,,2099-01-01,x',
      '7005,,,',
      ',,,4',
    ].join('\n');
    const up = await uploadUpdates(csv);
    expect(up).toMatchObject({ status: 'DONE', okRows: 2, errorRows: 7 });
    expect(up.message).toContain('2 of 9 rows went in (those customers are changed)');
    const zone = (await getOrgSettings(w.sql)).timeZone;
    expect(await getCustomer(w.sql, a.id)).toEqual({
      ...a,
      registeredAt: DateTime.fromISO('2024-01-15', { zone }).toUTC().toISO(),
      transactionCount: 3,
    });
    expect(await getCustomer(w.sql, b.id)).toEqual({
      ...b,
      email: 'new7002@example.com',
      registeredAt: '2023-06-01T04:30:00.000Z',
    });
    for (const untouched of [c, d, e, f]) {
      expect(await getCustomer(w.sql, untouched.id)).toEqual(untouched);
    }
    const issues = await issuesOf(w.ctx, up.id);
    expect(
      issues.map(({ row, identifier, field, code }) => [row, identifier, field, code]),
    ).toEqual([
      ['4', '7099', 'userId', 'CUSTOMER_NOT_FOUND'],
      ['5', '7001', 'userId', 'DUPLICATE_CUSTOMER'],
      ['6', 'abc', 'userId', 'INVALID_IDENTIFIER'],
      ['7', '7003', 'email', 'IDENTIFIER_TAKEN'],
      ['8', '7004', 'registeredAt', 'INVALID_REGISTERED_AT'],
      ['8', '7004', 'transactionCount', 'INVALID_TRANSACTION_COUNT'],
      ['9', '7005', 'Email', 'NOTHING_TO_CHANGE'],
      ['10', '', 'userId', 'IDENTIFIER_REQUIRED'],
    ]);
    const message = (row: string, code: string) =>
      issues.find((i) => i.row === row && i.code === code)?.message;
    expect(message('4', 'CUSTOMER_NOT_FOUND')).toBe(
      'No customer with user ID "7099"; register the customer first or correct the identifier',
    );
    expect(message('5', 'DUPLICATE_CUSTOMER')).toBe(
      'This customer is already changed by row 2; merge the two rows into one',
    );
    expect(message('7', 'IDENTIFIER_TAKEN')).toContain(
      'email ID "taken7006@example.com" is already registered to another customer',
    );
    expect(message('8', 'INVALID_REGISTERED_AT')).toBe(
      'registeredAt "2099-01-01" is in the future; give the day the customer registered',
    );
    expect(message('8', 'INVALID_TRANSACTION_COUNT')).toBe(
      'transactionCount "x" is not a whole number from 0 to 2147483647, such as 12',
    );
    expect(message('9', 'NOTHING_TO_CHANGE')).toBe(
      'This row changes nothing; fill in at least one of Email, registeredAt, transactionCount, or delete the row',
    );
    const audit = await w.sql.query<{ actor: string; details: unknown }>(
      "SELECT actor, details FROM audit_log WHERE action = 'customer.bulk-update' AND entity_id = $1",
      [up.id],
    );
    expect(audit).toEqual([
      { actor: 'backoffice', details: { customers: expect.arrayContaining([a.id, b.id]) } },
    ]);
    const listed = await customersHandlers['customers-uploads-list']({}, w.ctx);
    expect(listed.items[0]).toMatchObject({ id: up.id, fileName: 'crm-export.csv' });
  });

  it('a header it cannot read fails the upload, naming the fix, and changes nothing', async () => {
    const before = await makeCustomer(w.ctx, { userId: '7101' });
    for (const [csv, problem] of [
      ['transactionCount\n5', 'no identifier column (userId, email, mobile or externalId)'],
      ['userId\n7101', 'no column to change'],
      ['userId,visits\n7101,3', 'unknown column "visits"'],
      [
        'userId,transactionCount,transaction_count\n7101,3,4',
        'column "transaction_count" appears twice',
      ],
    ] as const) {
      const up = await uploadUpdates(csv);
      expect(up.status).toBe('FAILED');
      expect(up.message).toContain(problem);
      expect(up.message).toContain('e.g. "userId,registeredAt,transactionCount"');
    }
    expect(await getCustomer(w.sql, before.id)).toEqual(before);
  });
});
