export const roles = ['cashier', 'store_manager', 'back_office', 'admin'] as const;
export type Role = (typeof roles)[number];
/** A till's device credential: used only by sync endpoints. */
export type Principal =
  | { kind: 'user'; userId: string; username: string; role: Role; storeIds: string[] | null }
  /** deviceId: the registration behind the credential (a till that registers again gets a new one). */
  | { kind: 'device'; tillId: string; storeId: string; deviceId?: string }
  | { kind: 'system' }
  /** Nobody signed in: only operations open to 'any' accept it (sign-in itself). */
  | { kind: 'anonymous' };

export const anonymous: Principal = { kind: 'anonymous' };

/** The stores a principal's lists are limited to: a person's scope; null = every store. */
export const storeScope = (p: Principal): string[] | null =>
  p.kind === 'user' ? p.storeIds : null;
