import { expect, it } from 'vitest';
import { customerInput, type CustomerInput } from '#shared/domain/customer';
import {
  findCustomerByRef,
  findCustomersByIdentifiers,
} from '#shared/services/customers/customer-repo';
import { createCustomer, getCustomer } from '#shared/services/customers/customer-service';
import { eachDialect } from '../../../helpers/db';
import { apiError as rejected } from '../support/api-error';
import { useServiceWorld } from '../support/world';

eachDialect('customers', (dialect) => {
  const w = useServiceWorld(dialect);
  const create = (c: CustomerInput) => createCustomer(customerInput.parse(c), w.ctx);

  it('registers with every field and reads back equal, identifiers normalised', async () => {
    // Services normalise before validating, so they also take what the boundary schema would
    // refuse (spaces in a mobile) from internal callers such as uploads.
    const c = await createCustomer(
      {
        ...customerInput.parse({}),
        userId: '1001',
        email: ' Asha@Example.COM ',
        mobile: '+91 98450-12345',
        externalId: 'crm:77',
        name: 'Asha',
        registeredAt: '2024-05-01T10:00:00+05:30',
        transactionCount: 4,
        homeStoreId: 'S1',
      },
      w.ctx,
    );
    expect(c).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: '1001',
      email: 'asha@example.com',
      mobile: '+919845012345',
      externalId: 'crm:77',
      name: 'Asha',
      registeredAt: '2024-05-01T04:30:00.000Z',
      transactionCount: 4,
      homeStoreId: 'S1',
    });
    for (const ref of [
      'userId:1001',
      'email:ASHA@example.com',
      'mobile:+91 98450 12345',
      'externalId:crm:77',
      c.id,
    ]) {
      expect(await getCustomer(w.sql, ref), ref).toEqual(c);
    }
    expect(await findCustomerByRef(w.sql, { email: 'asha@example.com' })).toEqual(c);
    expect(await findCustomerByRef(w.sql, { mobile: '+919845012345' })).toEqual(c);
  });

  it('registeredAt defaults to now; one identifier is enough', async () => {
    const c = await create({ mobile: '9999900001' });
    expect(c.registeredAt).toBe(w.ctx.now().toISOString());
    expect(c).toMatchObject({ userId: null, email: null, externalId: null, transactionCount: 0 });
  });

  it('needs at least one identifier, each valid', async () => {
    const none = await rejected(create({ name: 'Nobody' }));
    expect(none.code).toBe('INVALID_INPUT');
    expect(none.message).toMatch(/at least one identifier/);
    const bad = await rejected(
      createCustomer({ ...customerInput.parse({}), mobile: '12ab' }, w.ctx),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.details).toEqual([
      expect.objectContaining({ path: 'mobile', code: 'INVALID_IDENTIFIER' }),
    ]);
    const store = await rejected(create({ userId: '5', homeStoreId: 'Z1' }));
    expect(store.message).toMatch(/store Z1 does not exist/);
  });

  it('a taken identifier is a CONFLICT naming it', async () => {
    const first = await create({ userId: '2001', email: 'b@example.com' });
    const e = await rejected(create({ userId: '2002', email: 'B@EXAMPLE.com' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('email b@example.com');
    expect(e.details).toMatchObject({ field: 'email', customerId: first.id });
  });

  it('customers-get: NOT_FOUND names the ref; malformed identifiers are INVALID_INPUT', async () => {
    const nf = await rejected(getCustomer(w.sql, 'email:nobody@example.com'));
    expect(nf.code).toBe('NOT_FOUND');
    expect(nf.message).toContain('email:nobody@example.com');
    expect((await rejected(getCustomer(w.sql, 'no-such-id'))).code).toBe('NOT_FOUND');
    expect((await rejected(getCustomer(w.sql, 'userId:abc'))).code).toBe('INVALID_INPUT');
  });

  it('bulk look-up by identifier kind returns normalised keys', async () => {
    await create({ email: 'bulk1@example.com' });
    await create({ email: 'bulk2@example.com' });
    const found = await findCustomersByIdentifiers(w.sql, 'email', [
      'BULK1@example.com',
      'bulk2@example.com',
      'bulk3@example.com',
    ]);
    expect([...found.keys()].sort()).toEqual(['bulk1@example.com', 'bulk2@example.com']);
    expect(found.get('bulk2@example.com')?.email).toBe('bulk2@example.com');
    expect((await findCustomersByIdentifiers(w.sql, 'userId', [])).size).toBe(0);
  });
});
