import type { DispatchContext } from '#shared/api/dispatch';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';

/** A SqlPort for tests whose handlers never touch SQL: any use is a test bug and throws. */
export const unusedSql: SqlPort = {
  dialect: 'pglite',
  query: () => Promise.reject(new Error('this test expects no SQL')),
  exec: () => Promise.reject(new Error('this test expects no SQL')),
  transaction: () => Promise.reject(new Error('this test expects no SQL')),
  copyFrom: () => Promise.reject(new Error('this test expects no SQL')),
};

export const fixedNow = new Date('2025-03-04T05:06:07.000Z');

/** The hub's context by default: it serves every operation (a till refuses the hub-only ones). */
export const contextFor = (
  principal: Principal | null,
  host: DispatchContext['host'] = 'hub',
): DispatchContext => ({
  sql: unusedSql,
  principal,
  now: () => fixedNow,
  host,
});

export const userPrincipal = (
  role: 'cashier' | 'store_manager' | 'back_office' | 'admin',
  storeIds: string[] | null = null,
): Principal => ({ kind: 'user', userId: `u-${role}`, username: role, role, storeIds });
