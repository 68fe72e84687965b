import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { roles, type Principal, type Role } from '#shared/api/roles';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { createSession, resolveToken } from '#shared/services/auth/sessions';
import { createHandlers } from '#shared/services/handlers';
import { isDeviceToken, resolveDeviceToken } from '#shared/services/sync/hub/devices';
import { createHttpApp } from '#server/platform/http/app';
import { listen, type RunningServer } from '#server/platform/http/listen';
import { freshPglite, type TestDb } from '../../../helpers/db';

/** Who calls: nobody, a person of each role, or till T1's device credential. */
export const callers = ['anonymous', ...roles, 'device'] as const;
export type Caller = (typeof callers)[number];

export type HubFixture = {
  server: RunningServer;
  db: TestDb;
  /** Bearer tokens; anonymous has none. Cashier and store manager work at S1 only. */
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
  /** A fresh session of the role's person (for calls that might end the session they use). */
  newToken(role: Role): Promise<string>;
  /** Registers T1 again (a fresh device credential in tokens.device). */
  renewDevice(): Promise<void>;
  /** Errors the dispatcher or the HTTP app logged as bugs (each one answered 500). */
  internalErrors: unknown[];
  close(): Promise<void>;
};

const system: Principal = { kind: 'system' };
const scopedRoles = new Set<Role>(['cashier', 'store_manager']);

/**
 * The hub as `counterfoil hub` wires it (real handlers, device and session tokens, the HTTP
 * app) on a migrated PGlite, over a loopback port. Org: C1 → Z1 → stores S1 (till T1) and
 * S2 (till T2); one person per role; T1 registered as a device.
 */
export async function startHubFixture(now: () => Date = () => new Date()): Promise<HubFixture> {
  const db = await freshPglite();
  const internalErrors: unknown[] = [];
  const dispatch = bindDispatch(
    createDispatcher(createHandlers(), { onInternalError: (error) => internalErrors.push(error) }),
    { sql: db.sql, now, host: 'hub' },
  );
  const app = createHttpApp({
    dispatch,
    resolvePrincipal: (token) =>
      isDeviceToken(token) ? resolveDeviceToken(db.sql, token) : resolveToken(db.sql, token, now()),
    host: 'hub',
    onInternalError: (error) => internalErrors.push(error),
  });
  const server = await listen(app, { port: 0 });

  const org = [
    { id: 'C1', type: 'CONCEPT', name: 'Concept', parentId: null },
    { id: 'Z1', type: 'ZONE', name: 'Zone', parentId: 'C1' },
    { id: 'S1', type: 'STORE', name: 'Store 1', parentId: 'Z1' },
    { id: 'S2', type: 'STORE', name: 'Store 2', parentId: 'Z1' },
    { id: 'T1', type: 'TILL', name: 'Till 1', parentId: 'S1' },
    { id: 'T2', type: 'TILL', name: 'Till 2', parentId: 'S2' },
  ];
  for (const entity of org) {
    const store = entity.type === 'STORE' ? { timeZone: 'Asia/Kolkata', currency: 'INR' } : {};
    await dispatch('org-create', { ...entity, ...store }, system);
  }
  const tokens = {} as HubFixture['tokens'];
  const userIds = {} as Record<Role, string>;
  for (const role of roles) {
    const user = await ensureUser(db.sql, {
      username: role.replace('_', '.'),
      password: `${role}-fixture-password`,
      role,
      storeIds: scopedRoles.has(role) ? ['S1'] : null,
      iterations: 1000,
    });
    userIds[role] = user.userId;
    tokens[role] = (await createSession(db.sql, user.userId, now())).token;
  }
  const renewDevice = async (): Promise<void> => {
    const device = (await dispatch('sync-register', { tillId: 'T1' }, system)) as { token: string };
    tokens.device = device.token;
  };
  await renewDevice();

  return {
    server,
    db,
    tokens,
    renewDevice,
    newToken: async (role) => (await createSession(db.sql, userIds[role], now())).token,
    internalErrors,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
