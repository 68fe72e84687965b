import { rm } from 'node:fs/promises';
import { ApiError } from '#shared/api/errors';
import type { HandlerGroup } from '#shared/api/handlers';
import type { Principal } from '#shared/api/roles';
import { setupStatus } from '#shared/services/setup/status';
import { bindHub } from '#shared/services/sync/till/state';
import type { SqlPort } from '#shared/sql/port';
import { deviceFilePath, writeDeviceFile, type DeviceFile } from '../sync/device-file';
import { createHubClient, isUnreachable } from '../sync/hub-link';
import type { HubFollower } from './hub-follower';

const requireAdmin = (principal: Principal, what: string): void => {
  if (principal.kind === 'user' && principal.role === 'admin') return;
  throw new ApiError(
    principal.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
    `Only an admin can ${what} once this till is set up: sign in as an admin`,
  );
};

/** What would be lost by switching devices or leaving: the hub has not had it yet. */
const assertNothingWaiting = async (sql: SqlPort, what: string): Promise<void> => {
  const [row] = await sql.query<{ facts: unknown; commands: unknown }>(
    `SELECT (SELECT count(*) FROM till_outbox) AS facts,
            (SELECT count(*) FROM till_commands WHERE status = 'QUEUED') AS commands`,
  );
  const facts = Number(row?.facts ?? 0);
  const commands = Number(row?.commands ?? 0);
  if (facts === 0 && commands === 0) return;
  const waiting = [
    facts > 0 ? `${facts} sale${facts === 1 ? '' : 's'}` : '',
    commands > 0 ? `${commands} back-office change${commands === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new ApiError(
    'CONFLICT',
    `${waiting} made here ${facts + commands === 1 ? 'has' : 'have'} not reached the hub yet; ${what} now would lose them. Wait until the till is back online and they are sent, then try again`,
    { reason: 'PENDING', facts, commands },
  );
};

/** A standalone till's own offers and sales would mix with the hub's: start from a new folder. */
const assertNoOwnData = async (sql: SqlPort): Promise<void> => {
  // A till that left its hub holds the hub's data (its cursor moved): it may follow again.
  const [state] = await sql.query<{ cursor: string }>(
    'SELECT cursor FROM till_sync_state WHERE id = 1',
  );
  if (state && state.cursor !== '0') return;
  const own = await sql.query('SELECT 1 FROM offers UNION ALL SELECT 1 FROM redemptions LIMIT 1');
  if (own.length === 0) return;
  throw new ApiError(
    'CONFLICT',
    'This till already has offers or sales of its own (standalone, or the demo). A till that follows a hub takes its offers from the hub: start the till app on a new data folder and connect it from there',
    { reason: 'HAS_OWN_DATA' },
  );
};

/** Registers with the hub, in words a store manager can act on. */
const register = async (hubUrl: string, code: string): Promise<DeviceFile> => {
  const client = createHubClient(hubUrl, undefined, 10_000);
  try {
    const out = await client.send('sync-register', { enrolmentCode: code });
    return { hubUrl, ...out };
  } catch (error) {
    if (isUnreachable(error)) {
      throw new ApiError(
        'UNAVAILABLE',
        `No hub answered at ${hubUrl}: check the address and port, and that the hub is running and reachable from this till`,
        [{ path: 'hubUrl', message: 'no hub answered at this address' }],
      );
    }
    const why = error instanceof ApiError ? error.message : String(error);
    throw new ApiError('INVALID_INPUT', `The hub did not accept the enrolment code: ${why}`, [
      { path: 'enrolmentCode', message: `the hub did not accept it: ${why}` },
    ]);
  }
};

/**
 * The till backend's own setup-enrol and setup-leave-hub (the shared ones only say where to
 * go): they change the data folder's device file and attach or detach the sync loop at once.
 */
export const enrolHandlers = (deps: {
  dataDir: string;
  /** Late-bound: the follower is built around the dispatcher these handlers are part of. */
  follower: () => HubFollower;
  log: (line: string) => void;
}): HandlerGroup<'setup-enrol' | 'setup-leave-hub'> => ({
  'setup-enrol': async (input, ctx) => {
    const before = await setupStatus(ctx.sql, 'till');
    if (before.hasUsers || before.hub !== null) requireAdmin(ctx.principal, 'connect it to a hub');
    if (before.hub !== null) await assertNothingWaiting(ctx.sql, 're-enrolling');
    else await assertNoOwnData(ctx.sql);
    const hubUrl = input.hubUrl.replace(/\/+$/, '');
    const device = await register(hubUrl, input.enrolmentCode);
    await deps.follower().unfollow();
    await ctx.sql.transaction(async (tx) => {
      // A new device numbers its facts from 1 at the hub; the outbox is empty (checked above).
      // Guarded: a sale that slipped in since the check keeps its number (and the old count).
      const reset = await tx.query(
        `UPDATE till_outbox_counter SET last_seq = 0
          WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM till_outbox) RETURNING 1 AS one`,
      );
      if (reset.length > 0) await tx.query('UPDATE till_sync_state SET acked_seq = 0 WHERE id = 1');
      await bindHub(tx, device);
    });
    await writeDeviceFile(deps.dataDir, device);
    deps.log(
      `enrolled from the app: hub ${hubUrl}, till ${device.tillId} (store ${device.storeId})`,
    );
    await deps.follower().follow({ url: hubUrl });
    return setupStatus(ctx.sql, 'till');
  },
  'setup-leave-hub': async (_input, ctx) => {
    const before = await setupStatus(ctx.sql, 'till');
    if (before.hub === null) {
      throw new ApiError('CONFLICT', 'This till does not follow a hub; there is nothing to leave');
    }
    await assertNothingWaiting(ctx.sql, 'leaving the hub');
    await deps.follower().unfollow();
    await rm(deviceFilePath(deps.dataDir), { force: true });
    await ctx.sql.query(
      `UPDATE till_sync_state SET hub_url = NULL, device_id = NULL, till_id = NULL, store_id = NULL,
              online = false, last_error = NULL WHERE id = 1`,
    );
    deps.log(`left the hub at ${before.hub.url}; serving standalone`);
    return setupStatus(ctx.sql, 'till');
  },
});
