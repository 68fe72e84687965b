import { ApiError } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { HandlerContext } from '#shared/api/handlers';
import type { SqlPort } from '#shared/sql/port';
import { grantSecret } from '#shared/sync/command-proof';
import {
  authenticate,
  DEFAULT_ITERATIONS,
  hashIterations,
  randomHex,
  toSessionUser,
} from '#shared/services/auth/index';
import { newId } from '#shared/services/shared/ids';
import { isoOf } from '#shared/services/shared/values';
import { requireDevice } from './devices';

/**
 * How long a person may keep working at a till without the hub after signing in there online:
 * long enough for a weekend outage, short enough that a grant
 * forgotten on a till does not outlive the person's job there by much.
 * See docs/architecture.md, "Reliability and the trust model".
 */
export const OFFLINE_GRANT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const keys = new WeakMap<SqlPort, Promise<string>>();

/**
 * The hub's grant key, made on first use. Kept in the database, not in process memory or a
 * file, so every hub process on one PostgreSQL derives the same grant secrets.
 */
export const hubGrantKey = (sql: SqlPort): Promise<string> => {
  let key = keys.get(sql);
  if (!key) {
    key = (async () => {
      await sql.query(
        `INSERT INTO hub_keys (name, secret, created_at) VALUES ('grants', $1, now())
         ON CONFLICT (name) DO NOTHING`,
        [randomHex(32)],
      );
      const rows = await sql.query<{ secret: string }>(
        `SELECT secret FROM hub_keys WHERE name = 'grants'`,
      );
      if (!rows[0]) throw new Error('hub_keys has no grants key after creating it');
      return rows[0].secret;
    })();
    key.catch(() => keys.delete(sql));
    keys.set(sql, key);
  }
  return key;
};

/** Mirrors the pull's rule (feed-sql.ts): only full-strength verifiers leave the hub. */
const strongEnough = (hash: string): boolean => (hashIterations(hash) ?? 0) >= DEFAULT_ITERATIONS;

/** Whether a person's store scope lets them work at this store (null = every store). */
export const worksAt = (storeIds: string[] | null, storeId: string): boolean =>
  storeIds === null || storeIds.includes(storeId);

/**
 * A person signs in at a till while the hub answers: the hub checks the password and that
 * the person may work at this till's store, then answers an offline grant for this device, its
 * secret, and the person's verifier (so they can sign in here again while the hub is down). A
 * live grant of the same person on the same device is extended rather than duplicated, so
 * changes still queued under it stay valid.
 */
export async function issueGrant(
  ctx: HandlerContext,
  input: OpParsedInput<'sync-grants-create'>,
): Promise<OpOutput<'sync-grants-create'>> {
  const { sql } = ctx;
  const now = ctx.now();
  const device = await requireDevice(sql, ctx.principal);
  // The same checks and throttle as any sign-in (per username and per the till's address).
  const user = await authenticate(input, ctx);
  const person = toSessionUser(user);
  if (!worksAt(person.storeIds, device.storeId)) {
    throw new ApiError(
      'FORBIDDEN',
      `${person.username} works at ${person.storeIds?.join(', ')}, not at store ${device.storeId} where this till is`,
      { field: 'username', storeId: device.storeId, allowedStoreIds: person.storeIds },
    );
  }
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + OFFLINE_GRANT_TTL_MS).toISOString();
  const grant = await sql.transaction(async (tx) => {
    const live = await tx.query<{ id: string; issued_at: unknown }>(
      `UPDATE sync_grants SET expires_at = $3
        WHERE device_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $4
        RETURNING id, issued_at`,
      [device.deviceId, user.id, expiresAt, at],
    );
    if (live[0]) return { id: live[0].id, issuedAt: isoOf(live[0].issued_at) };
    const id = newId(now.getTime());
    await tx.query(
      `INSERT INTO sync_grants (id, user_id, device_id, till_id, store_id, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, user.id, device.deviceId, device.tillId, device.storeId, at, expiresAt],
    );
    // The till's copy of users now includes this person: mark the table so it is sent again.
    await tx.query(
      `INSERT INTO sync_table_marks (table_name, hub_xid)
            VALUES ('users', pg_current_xact_id()::text::bigint)
       ON CONFLICT (table_name) DO UPDATE SET hub_xid = EXCLUDED.hub_xid`,
    );
    return { id, issuedAt: at };
  });
  return {
    grant: {
      id: grant.id,
      userId: person.userId,
      username: person.username,
      role: person.role,
      storeIds: person.storeIds,
      tillId: device.tillId,
      storeId: device.storeId,
      issuedAt: grant.issuedAt,
      expiresAt,
    },
    secret: await grantSecret(await hubGrantKey(sql), grant.id),
    verifier: strongEnough(user.password_hash)
      ? { passwordHash: user.password_hash, salt: user.salt }
      : null,
  };
}
