import { ApiError, notFound } from '#shared/api/errors';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import {
  constantTimeEqual,
  randomHex,
  sha256Hex,
  type Sha256Hex,
} from '#shared/services/auth/index';
import { audit } from '#shared/services/shared/audit';
import { actorOf } from '#shared/services/shared/clock';
import { newId } from '#shared/services/shared/ids';

/** A registered till as the sync services need it. */
export type Device = { deviceId: string; tillId: string; storeId: string; ackedSeq: number };

/** Device credentials look like `cfd_<deviceId>_<64 hex>`; sessions are plain hex, so they never clash. */
const TOKEN = /^cfd_([0-9a-f-]{36})_([0-9a-f]{64})$/;
const ENROLMENT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const isPrivileged = (p: Principal): boolean =>
  p.kind === 'system' || (p.kind === 'user' && (p.role === 'admin' || p.role === 'back_office'));

/** Ten unambiguous characters as XXXXX-XXXXX: easy to read off a screen and type at a till. */
const newEnrolmentCode = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = Array.from(bytes, (b) => ENROLMENT_ALPHABET[b % ENROLMENT_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
};
const normalizeEnrolment = (code: string): string => code.trim().toUpperCase().replace(/\s/g, '');

type TillRow = { id: string; type: string; parent_id: string | null };
const findOrgEntity = async (sql: SqlPort, id: string): Promise<TillRow | null> =>
  (
    await sql.query<TillRow>('SELECT id, type, parent_id FROM org_entities WHERE id = $1', [id])
  )[0] ?? null;

/** The till's store, creating the till under `storeId` when the org tree does not have it yet. */
const placeTill = async (
  tx: SqlPort,
  tillId: string,
  storeId: string | undefined,
  name: string | undefined,
  at: string,
): Promise<string> => {
  const till = await findOrgEntity(tx, tillId);
  if (till) {
    if (till.type !== 'TILL' || till.parent_id === null) {
      throw new ApiError('INVALID_INPUT', `${tillId} is a ${till.type.toLowerCase()}, not a till`, {
        field: 'tillId',
      });
    }
    if (storeId !== undefined && storeId !== till.parent_id) {
      throw new ApiError(
        'INVALID_INPUT',
        `till ${tillId} belongs to store ${till.parent_id}, not ${storeId}`,
        { field: 'storeId', tillStoreId: till.parent_id },
      );
    }
    return till.parent_id;
  }
  if (storeId === undefined) {
    throw new ApiError('INVALID_INPUT', `till ${tillId} is not in the org tree: give its storeId`, {
      field: 'storeId',
    });
  }
  const store = await findOrgEntity(tx, storeId);
  if (!store || store.type !== 'STORE') throw notFound('Store', storeId);
  await tx.query(
    `INSERT INTO org_entities (id, type, name, parent_id, created_at) VALUES ($1, 'TILL', $2, $3, $4)`,
    [tillId, name ?? tillId, storeId, at],
  );
  return storeId;
};

/** Consumes a one-time enrolment code; throws when it is unknown, used, expired or for another till. */
const useEnrolment = async (
  tx: SqlPort,
  code: string,
  tillId: string | undefined,
  deviceId: string,
  at: string,
): Promise<{ tillId: string; storeId: string }> => {
  const hash = await sha256Hex(normalizeEnrolment(code));
  const rows = await tx.query<{
    till_id: string;
    store_id: string;
    used_at: unknown;
    expired: boolean;
  }>(
    `SELECT till_id, store_id, used_at, expires_at <= $2 AS expired
       FROM sync_enrolments WHERE code_hash = $1 FOR UPDATE`,
    [hash, at],
  );
  const row = rows[0];
  const refuse = (why: string) =>
    new ApiError('UNAUTHENTICATED', `enrolment code ${why}; ask back office for a new one`, {
      field: 'enrolmentCode',
    });
  if (!row) throw refuse('is not known');
  if (row.used_at !== null) throw refuse('was already used');
  if (row.expired) throw refuse('has expired');
  if (tillId !== undefined && row.till_id !== tillId) {
    throw new ApiError(
      'FORBIDDEN',
      `this enrolment code is for till ${row.till_id}, not ${tillId}`,
      { field: 'tillId' },
    );
  }
  await tx.query(
    'UPDATE sync_enrolments SET used_at = $2, used_by_device = $3 WHERE code_hash = $1',
    [hash, at, deviceId],
  );
  return { tillId: row.till_id, storeId: row.store_id };
};

/**
 * Registers a till: answers a device credential whose secret the hub keeps only hashed. A new
 * registration of the same till revokes the previous credential (the till lost its data dir
 * and numbers its facts from 1 again, under the new device).
 */
export async function registerDevice(
  sql: SqlPort,
  input: OpParsedInput<'sync-register'>,
  principal: Principal,
  at: string,
): Promise<OpOutput<'sync-register'>> {
  const privileged = isPrivileged(principal);
  if (!privileged && input.enrolmentCode === undefined) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'registering a till needs an admin or back-office sign-in, or an enrolment code',
      { field: 'enrolmentCode' },
    );
  }
  if (privileged && input.tillId === undefined) {
    throw new ApiError('INVALID_INPUT', 'tillId: is required', { field: 'tillId' });
  }
  const deviceId = newId(Date.parse(at));
  const secret = randomHex(32);
  return sql.transaction(async (tx) => {
    let tillId = input.tillId as string;
    let storeId = input.storeId;
    if (!privileged) {
      const enrolled = await useEnrolment(
        tx,
        input.enrolmentCode as string,
        input.tillId,
        deviceId,
        at,
      );
      if (storeId !== undefined && storeId !== enrolled.storeId) {
        throw new ApiError('FORBIDDEN', `this enrolment code is for store ${enrolled.storeId}`, {
          field: 'storeId',
        });
      }
      tillId = enrolled.tillId;
      storeId = enrolled.storeId;
    }
    const placed = await placeTill(tx, tillId, storeId, input.name, at);
    await tx.query(
      'UPDATE sync_devices SET revoked_at = $2 WHERE till_id = $1 AND revoked_at IS NULL',
      [tillId, at],
    );
    const by = privileged ? actorOf(principal) : `enrolment:${tillId}`;
    await tx.query(
      `INSERT INTO sync_devices (id, till_id, store_id, secret_hash, registered_at, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [deviceId, tillId, placed, await sha256Hex(secret), at, by],
    );
    await audit(tx, {
      at,
      actor: by,
      action: 'till.register',
      entityType: 'till',
      entityId: tillId,
      details: { deviceId, storeId: placed },
    });
    return { deviceId, tillId, storeId: placed, token: `cfd_${deviceId}_${secret}` };
  });
}

/** A one-time code a till can register with, bound to one till and store. */
export async function createEnrolment(
  sql: SqlPort,
  input: OpParsedInput<'sync-enrolments-create'>,
  principal: Principal,
  now: Date,
): Promise<OpOutput<'sync-enrolments-create'>> {
  const store = await findOrgEntity(sql, input.storeId);
  if (!store || store.type !== 'STORE') throw notFound('Store', input.storeId);
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3_600_000).toISOString();
  await sql.query(
    `INSERT INTO sync_enrolments (code_hash, till_id, store_id, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      await sha256Hex(normalizeEnrolment(code)),
      input.tillId,
      input.storeId,
      actorOf(principal),
      now.toISOString(),
      expiresAt,
    ],
  );
  return { code, tillId: input.tillId, storeId: input.storeId, expiresAt };
}

/** The till behind a device credential, or null (unknown, wrong secret, or revoked). */
export async function resolveDeviceToken(
  sql: SqlPort,
  token: string,
  hashHex: Sha256Hex = sha256Hex,
): Promise<Principal | null> {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const rows = await sql.query<{ till_id: string; store_id: string; secret_hash: string }>(
    'SELECT till_id, store_id, secret_hash FROM sync_devices WHERE id = $1 AND revoked_at IS NULL',
    [match[1]],
  );
  const row = rows[0];
  if (!row || !constantTimeEqual(row.secret_hash, await hashHex(match[2] as string))) return null;
  return {
    kind: 'device',
    tillId: row.till_id,
    storeId: row.store_id,
    deviceId: match[1] as string,
  };
}

export const isDeviceToken = (token: string): boolean => token.startsWith('cfd_');

/**
 * The registration behind a device principal; `lock` takes its row lock, which serializes a
 * till's pushes (its acked tillSeq lives on this row).
 */
export async function requireDevice(
  sql: SqlPort,
  principal: Principal,
  lock = false,
): Promise<Device> {
  if (principal.kind !== 'device' || principal.deviceId === undefined) {
    throw new ApiError(
      'FORBIDDEN',
      'only a till with its device credential may use sync endpoints',
    );
  }
  const rows = await sql.query<{
    id: string;
    till_id: string;
    store_id: string;
    acked_seq: unknown;
    revoked: boolean;
    revoked_by: string | null;
  }>(
    lock
      ? 'SELECT id, till_id, store_id, acked_seq, revoked_at IS NOT NULL AS revoked, revoked_by FROM sync_devices WHERE id = $1 FOR UPDATE'
      : 'SELECT id, till_id, store_id, acked_seq, revoked_at IS NOT NULL AS revoked, revoked_by FROM sync_devices WHERE id = $1',
    [principal.deviceId],
  );
  const row = rows[0];
  if (!row || row.revoked) {
    throw new ApiError(
      'UNAUTHENTICATED',
      row?.revoked_by
        ? `till ${principal.tillId} was cut off by ${row.revoked_by}; enrol it again with a new code`
        : `the credential of till ${principal.tillId} was replaced by a newer registration`,
    );
  }
  return {
    deviceId: row.id,
    tillId: row.till_id,
    storeId: row.store_id,
    ackedSeq: Number(row.acked_seq),
  };
}
