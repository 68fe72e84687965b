import { ApiError } from '#shared/api/errors';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { grantSecret, verifyCommand } from '#shared/sync/command-proof';
import type { QueuedCommand } from '#shared/sync/protocol-commands';
import { findUserById, toPrincipal } from '#shared/services/auth/index';
import { hubGrantKey, worksAt } from './grants';
import type { Device } from './devices';

/** Till clocks are not trusted to the second: a change made just after sign-in may read earlier. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

type GrantRow = {
  id: string;
  user_id: string;
  device_id: string;
  issued_at: unknown;
  expires_at: unknown;
  revoked_at: unknown;
};

const refuse = (reason: string, message: string): ApiError =>
  new ApiError('FORBIDDEN', message, { reason });

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

/**
 * Who made a queued change, proven (docs/security.md, "offline grants"): the command names a
 * grant the hub issued to a person on THIS device, is signed with that grant's secret, was
 * made while the grant was valid, and the person still exists, is enabled and still works at
 * this till's store. Answers the person as the hub knows them now, so the dispatcher checks
 * their current role and store scope. Anything else is refused with a reason code; a device
 * credential alone never makes a change run as a person.
 */
export async function commandAuthor(
  sql: SqlPort,
  device: Device,
  cmd: QueuedCommand,
): Promise<Principal> {
  if (cmd.grantId === null || cmd.signature === null) {
    throw refuse(
      'UNSIGNED',
      'the change carries no proof of its author; the person must sign in at this till while the hub answers, then make it again',
    );
  }
  const rows = await sql.query<GrantRow>(
    'SELECT id, user_id, device_id, issued_at, expires_at, revoked_at FROM sync_grants WHERE id = $1',
    [cmd.grantId],
  );
  const grant = rows[0];
  if (!grant) throw refuse('UNKNOWN_GRANT', `grant ${cmd.grantId} was never issued by this hub`);
  if (grant.device_id !== device.deviceId) {
    throw refuse('OTHER_DEVICE', `grant ${cmd.grantId} belongs to another till`);
  }
  const secret = await grantSecret(await hubGrantKey(sql), grant.id);
  const signed = await verifyCommand(
    secret,
    {
      id: cmd.id,
      op: cmd.op,
      input: cmd.input,
      username: cmd.username,
      createdAt: cmd.createdAt,
      grantId: cmd.grantId,
    },
    cmd.signature,
  );
  if (!signed) throw refuse('BAD_SIGNATURE', 'the change is not signed with its grant');
  const user = await findUserById(sql, grant.user_id);
  if (!user || user.username !== cmd.username) {
    throw refuse('FORGED_AUTHOR', `grant ${cmd.grantId} was not issued to ${cmd.username}`);
  }
  if (grant.revoked_at !== null && grant.revoked_at !== undefined) {
    throw refuse('GRANT_REVOKED', `the offline grant of ${cmd.username} on this till was revoked`);
  }
  const made = Date.parse(cmd.createdAt);
  if (
    Number.isNaN(made) ||
    made < ms(grant.issued_at) - CLOCK_SLACK_MS ||
    made > ms(grant.expires_at) + CLOCK_SLACK_MS
  ) {
    throw refuse(
      'GRANT_EXPIRED',
      `the change was made at ${cmd.createdAt}, outside the offline grant of ${cmd.username} (sign in again while the hub answers)`,
    );
  }
  if (user.disabled_at !== null && user.disabled_at !== undefined) {
    throw refuse('USER_DISABLED', `${cmd.username}'s account is disabled`);
  }
  const principal = toPrincipal(user);
  if (principal.kind === 'user' && !worksAt(principal.storeIds, device.storeId)) {
    throw refuse('NOT_AT_STORE', `${cmd.username} no longer works at store ${device.storeId}`);
  }
  return principal;
}
