import type { OperationDef } from '#shared/api/define';
import { operations, type OperationName } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { userPrincipal } from './context';

/** A till's device credential for store-1 / till-1 (matches the sample inputs). */
export const devicePrincipal: Principal = { kind: 'device', tillId: 'till-1', storeId: 'store-1' };
export const adminPrincipal = userPrincipal('admin');

/**
 * Who may call an operation in a walk over the whole table: the admin where people may,
 * otherwise the till's device credential (sync endpoints are for tills only).
 */
export const callerFor = (name: OperationName): 'admin' | 'device' => {
  const roles = (operations[name] as OperationDef).roles;
  return roles.includes('admin') || roles.includes('any') ? 'admin' : 'device';
};
