import type { Role } from '../../api/roles';

export type DemoUser = {
  username: string;
  password: string;
  role: Role;
  storeIds: string[] | null;
};

/** One sign-in per role; the caller prints them (they are demo credentials, not secrets). */
export const demoUsers: readonly DemoUser[] = [
  { username: 'cashier', password: 'cashier123!', role: 'cashier', storeIds: ['S-DEL'] },
  { username: 'manager', password: 'manager123!', role: 'store_manager', storeIds: ['S-DEL'] },
  { username: 'backoffice', password: 'backoffice123!', role: 'back_office', storeIds: null },
  { username: 'admin', password: 'admin123!', role: 'admin', storeIds: null },
];
