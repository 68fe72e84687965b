import { expect, it } from 'vitest';
import { operations } from '#shared/api/operations';
import { customerInput, type CustomerInput } from '#shared/domain/customer';
import { getCustomer } from '#shared/services/customers/customer-service';
import { createCustomer } from '#shared/services/customers/customer-service';
import { updateCustomer } from '#shared/services/customers/customer-update';
import { eachDialect } from '../../../helpers/db';
import { apiError as rejected } from '../support/api-error';
import { useServiceWorld } from '../support/world';

eachDialect('customers-update', (dialect) => {
  const w = useServiceWorld(dialect, { at: '2025-03-01T10:00:00Z' });
  const create = (c: CustomerInput) => createCustomer(customerInput.parse(c), w.ctx);
  const update = (input: Record<string, unknown>) =>
    updateCustomer(operations['customers-update'].input.parse(input), w.ctx);
  const auditOf = async (id: string) =>
    w.sql.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [id],
    );

  it('changes only the fields given, normalises identifiers and audits each change', async () => {
    const c = await create({ userId: '3001', name: 'Ravi', transactionCount: 2 });
    const after = await update({
      ref: 'userId:3001',
      email: 'Ravi@Example.com',
      registeredAt: '2024-12-01T09:00:00+05:30',
      transactionCount: 7,
    });
    expect(after).toEqual({
      ...c,
      email: 'ravi@example.com',
      registeredAt: '2024-12-01T03:30:00.000Z',
      transactionCount: 7,
    });
    expect(await getCustomer(w.sql, 'email:ravi@example.com')).toEqual(after);
    const trail = await auditOf(c.id);
    expect(trail.map((a) => a.action)).toEqual(['customer.create', 'customer.update']);
    expect(trail[1]?.details).toEqual({
      changes: {
        email: { from: null, to: 'ravi@example.com' },
        registeredAt: { from: c.registeredAt, to: '2024-12-01T09:00:00+05:30' },
        transactionCount: { from: 2, to: 7 },
      },
    });
  });

  it('null removes an identifier, but never the last one', async () => {
    const c = await create({ userId: '3002', mobile: '9845012345' });
    const after = await update({ ref: c.id, userId: null });
    expect(after).toMatchObject({ userId: null, mobile: '9845012345' });
    const e = await rejected(update({ ref: c.id, mobile: null }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details).toEqual([
      expect.objectContaining({ path: 'mobile', code: 'IDENTIFIER_REQUIRED' }),
    ]);
    expect(await getCustomer(w.sql, c.id)).toEqual(after);
  });

  it('an identifier another customer holds is a CONFLICT naming it; nothing changes', async () => {
    const a = await create({ email: 'a3@example.com' });
    const b = await create({ email: 'b3@example.com', name: 'B' });
    const e = await rejected(update({ ref: b.id, email: 'A3@example.com', name: 'Bee' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('"a3@example.com" is already registered to another customer');
    expect(e.message).toContain(a.id);
    expect(await getCustomer(w.sql, b.id)).toEqual(b);
    // Giving a customer the identifier it already holds is no conflict.
    expect(await update({ ref: b.id, email: 'b3@example.com', name: 'Bee' })).toMatchObject({
      name: 'Bee',
    });
  });

  it('refuses a future registration date, an unknown store, an empty change and a bad ref', async () => {
    const c = await create({ userId: '3004' });
    const future = await rejected(update({ ref: c.id, registeredAt: '2025-03-02T00:00:00Z' }));
    expect(future.code).toBe('INVALID_INPUT');
    expect(future.message).toMatch(/registeredAt .* is in the future/);
    const store = await rejected(update({ ref: c.id, homeStoreId: 'NOPE' }));
    expect(store.message).toMatch(/store NOPE does not exist/);
    const empty = await rejected(update({ ref: c.id }));
    expect(empty.message).toMatch(/at least one field to change/);
    expect((await rejected(update({ ref: 'userId:9999', name: 'x' }))).code).toBe('NOT_FOUND');
    expect(() =>
      operations['customers-update'].input.parse({ ref: c.id, transactions: 3 }),
    ).toThrow();
    expect(await getCustomer(w.sql, c.id)).toEqual(c);
  });
});
