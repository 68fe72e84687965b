import { operations, type OperationName } from '../../../src-shared/api/operations';
import type { Role } from '../../../src-shared/api/roles';

/** The screens of the app; navigation and route guards use the same table. */
export type Area = 'till' | 'offers' | 'member-care' | 'store-sync' | 'reconciliation' | 'audit';

const areasByRole: Record<Role, readonly Area[]> = {
  cashier: ['till'],
  store_manager: ['till', 'member-care', 'store-sync'],
  back_office: ['offers', 'member-care', 'till', 'store-sync', 'reconciliation', 'audit'],
  admin: ['offers', 'member-care', 'till', 'store-sync', 'reconciliation', 'audit'],
};

export const areasFor = (role: Role): readonly Area[] => areasByRole[role];

export const mayUse = (role: Role | undefined, area: Area): boolean =>
  role !== undefined && areasByRole[role].includes(area);

/** Where a person lands after signing in: the first thing their role may do. */
export const homeFor = (role: Role): string => `/${areasByRole[role][0] ?? 'till'}`;

export const areaLabels: Record<Area, string> = {
  till: 'Till',
  offers: 'Offers',
  'member-care': 'Member care',
  'store-sync': 'Store sync',
  reconciliation: 'Reconciliation',
  audit: 'Audit trail',
};

export const roleLabels: Record<Role, string> = {
  cashier: 'Cashier',
  store_manager: 'Store manager',
  back_office: 'Back office',
  admin: 'Admin',
};

/** Whether a role may call an operation, read from the operation's own definition. */
export const mayCall = (role: Role | undefined, name: OperationName): boolean => {
  const roles: readonly string[] = operations[name].roles;
  return role !== undefined && (roles.includes(role) || roles.includes('any'));
};
