import { operations, type OperationName } from '#shared/api/operations';
import type { Role } from '#shared/api/roles';

/** The screens of the app; navigation and route guards use the same table. */
export type Area =
  | 'till'
  | 'offers'
  | 'member-care'
  | 'store-sync'
  | 'reconciliation'
  | 'audit'
  | 'settings'
  | 'currency-rates'
  | 'org-definitions'
  | 'offline-changes';

const backOffice: readonly Area[] = [
  'offers',
  'member-care',
  'till',
  'store-sync',
  'reconciliation',
  'audit',
  'offline-changes',
];

const areasByRole: Record<Role, readonly Area[]> = {
  cashier: ['till'],
  // A manager's day starts with what reaches the store's tills, not with choosing a till.
  store_manager: ['store-sync', 'till', 'member-care', 'offline-changes'],
  back_office: backOffice,
  admin: [...backOffice, 'org-definitions', 'currency-rates', 'settings'],
};

/** Reached from the offline banner, not from the navigation. */
const offNav: readonly Area[] = ['offline-changes'];

/** The navigation's areas for a role. */
export const areasFor = (role: Role): readonly Area[] =>
  areasByRole[role].filter((a) => !offNav.includes(a));

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
  settings: 'Settings',
  'currency-rates': 'Exchange rates',
  'org-definitions': 'Org definitions',
  'offline-changes': 'Changes made offline',
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
