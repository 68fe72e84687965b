/**
 * A hub and tills wired in one process (no HTTP): the real dispatchers, services and sync
 * client, with a hub link that JSON-round-trips every call (as HTTP would) and can be cut.
 */
import type { ApiClient } from '#shared/api/client';
import {
  bindDispatch,
  createDispatcher,
  type BoundDispatch,
  type Dispatch,
} from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { resolveToken } from '#shared/services/auth/sessions';
import { createHandlers } from '#shared/services/handlers';
import { resolveDeviceToken } from '#shared/services/sync/hub/devices';
import { bindHub } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import { createSyncRouter } from '#main/backend/sync/router';
import { SyncClient } from '#main/backend/sync/sync-client';
import { freshDb, freshPglite, type Dialect, type TestDb } from '../../helpers/db';

export const system: Principal = { kind: 'system' };
export const cashierAt = (storeId: string): Principal => ({
  kind: 'user',
  userId: 'u-cashier',
  username: 'cashier',
  role: 'cashier',
  storeIds: [storeId],
});
export const backOffice: Principal = {
  kind: 'user',
  userId: 'u-bo',
  username: 'backoffice',
  role: 'back_office',
  storeIds: null,
};

const roundTrip = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

/** A hub link for one till: calls the hub's dispatcher as the device, or fails while cut. */
export type HubLink = ApiClient & { cut: boolean; calls: number };

const linkTo = (hub: BoundDispatch, principal: Principal): HubLink => {
  const link: HubLink = {
    cut: false,
    calls: 0,
    async send<K extends OperationName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
      link.calls += 1;
      if (link.cut) throw new ApiError('UNAVAILABLE', 'cannot reach the hub: link cut by the test');
      try {
        return roundTrip((await hub(name, roundTrip(input), principal)) as OpOutput<K>);
      } catch (error) {
        if (error instanceof ApiError) throw ApiError.fromBody(roundTrip(error.toBody()));
        throw error;
      }
    },
  };
  return link;
};

export type Till = {
  tillId: string;
  storeId: string;
  db: TestDb;
  sql: SqlPort;
  /** The till's API as its cashiers see it (router in front of the replica). */
  api: BoundDispatch;
  client: SyncClient;
  link: HubLink;
  as: (
    principal: Principal,
  ) => <K extends OperationName>(name: K, input: OpInput<K>) => Promise<OpOutput<K>>;
  /** Signs in at the till as a person would (online: the hub issues an offline grant). */
  signIn: (username: string, password: string) => Promise<Principal>;
};

export type Hub = {
  db: TestDb;
  sql: SqlPort;
  dispatch: BoundDispatch;
  call: <K extends OperationName>(
    name: K,
    input: OpInput<K>,
    as?: Principal,
  ) => Promise<OpOutput<K>>;
};

/** `now` moves the hub's clock (a fake clock for outages of days). */
export async function startHubInProcess(
  dialect: Dialect,
  options: { now?: () => Date } = {},
): Promise<Hub> {
  const db = await freshDb(dialect);
  const dispatch = bindDispatch(createDispatcher(createHandlers()), {
    sql: db.sql,
    now: options.now ?? (() => new Date()),
    host: 'hub',
  });
  const call = async <K extends OperationName>(
    name: K,
    input: OpInput<K>,
    as: Principal = system,
  ) => (await dispatch(name, input, as)) as OpOutput<K>;
  return { db, sql: db.sql, dispatch, call };
}

/** Org: C1 → Z1 → S1 (tills T1, T2) and S2 (till T3); a back-office user for commands. */
export async function seedOrg(hub: Hub): Promise<void> {
  const add = (id: string, type: 'CONCEPT' | 'ZONE' | 'STORE' | 'TILL', parentId: string | null) =>
    hub.call('org-create', {
      id,
      type,
      name: `${type} ${id}`,
      parentId,
      ...(type === 'STORE' ? { timeZone: 'Asia/Kolkata', currency: 'INR' } : {}),
    });
  await add('C1', 'CONCEPT', null);
  await add('Z1', 'ZONE', 'C1');
  await add('S1', 'STORE', 'Z1');
  await add('S2', 'STORE', 'Z1');
  await add('T1', 'TILL', 'S1');
  await add('T2', 'TILL', 'S1');
  await add('T3', 'TILL', 'S2');
  await ensureUser(hub.sql, {
    username: 'backoffice',
    password: 'backoffice-pass',
    role: 'back_office',
    storeIds: null,
    now: new Date(),
    iterations: 1000,
  });
  // The person behind cashierAt(): a till's queued change is applied at the hub as its author.
  await ensureUser(hub.sql, {
    username: 'cashier',
    password: 'cashier-pass',
    role: 'cashier',
    storeIds: ['S1', 'S2'],
    now: new Date(),
    iterations: 1000,
  });
}

export async function startTill(
  hub: Hub,
  tillId: string,
  options: { leaseWant?: number; pullLimit?: number; storeId?: string; now?: () => Date } = {},
): Promise<Till> {
  const reg = await hub.call(
    'sync-register',
    { tillId, ...(options.storeId ? { storeId: options.storeId } : {}) },
    system,
  );
  const principal = await resolveDeviceToken(hub.sql, reg.token);
  if (!principal) throw new Error('registered device does not resolve');
  const db = await freshPglite();
  await bindHub(db.sql, { hubUrl: 'in-process', ...reg });
  const link = linkTo(hub.dispatch, principal);
  const dispatch: Dispatch = createDispatcher(createHandlers());
  const now = options.now ?? (() => new Date());
  const base = { sql: db.sql, now, host: 'till' as const };
  const client = new SyncClient({
    sql: db.sql,
    now,
    hub: link,
    intervalMs: 60_000,
    leaseWant: options.leaseWant ?? 1000,
    pullLimit: options.pullLimit ?? 5000,
  });
  const api = createSyncRouter({ dispatch, base, hub: link, client, commandWaitMs: 2000 });
  const as =
    (p: Principal) =>
    async <K extends OperationName>(name: K, input: OpInput<K>) =>
      (await api(name, input, p)) as OpOutput<K>;
  const signIn = async (username: string, password: string): Promise<Principal> => {
    const { token } = (await api(
      'auth-login',
      { username, password },
      null,
    )) as OpOutput<'auth-login'>;
    const principal = await resolveToken(db.sql, token);
    if (!principal) throw new Error(`the till's session for ${username} does not resolve`);
    return principal;
  };
  return { tillId, storeId: reg.storeId, db, sql: db.sql, api, client, link, as, signIn };
}

export const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString();
