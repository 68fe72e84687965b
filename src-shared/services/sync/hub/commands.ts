import type { Dispatch } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { isCommandOp } from '#shared/api/placement';
import { storeScope, type Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import type { CommandResult } from '#shared/sync/protocol-commands';
import { isUniqueViolation } from '#shared/services/shared/errors';
import { isoOrNull } from '#shared/services/shared/values';
import { commandAuthor } from './command-author';
import { requireDevice } from './devices';

/**
 * The hub's own dispatcher, to run a queued command exactly as if its author had called the
 * operation online: the one running this call, so this module never imports the handler map.
 */
const hubDispatch = (ctx: HandlerContext): Dispatch => {
  if (!ctx.dispatch) throw new Error('sync-commands-apply runs only through a dispatcher');
  return ctx.dispatch;
};

type StoredRow = {
  status: 'CONFIRMED' | 'REJECTED';
  result: unknown;
  error: unknown;
  device_id: string;
};

/**
 * The decision already made on a command. Only the device that sent it may hear it again: a
 * command replayed through another till is refused, not answered (nor run a second time).
 */
const stored = async (
  sql: SqlPort,
  id: string,
  deviceId: string,
): Promise<CommandResult | null> => {
  const rows = await sql.query<StoredRow>(
    'SELECT status, result, error, device_id FROM sync_commands_applied WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.device_id !== deviceId) {
    return {
      id,
      status: 'REJECTED',
      result: null,
      error: {
        code: 'FORBIDDEN',
        message: `change ${id} was made at another till; it is not applied again`,
        details: { reason: 'REPLAYED' },
      },
    };
  }
  return {
    id,
    status: row.status,
    result: row.result ?? null,
    error: (row.error ?? null) as CommandResult['error'],
  };
};

const errorOf = (error: unknown): NonNullable<CommandResult['error']> =>
  error instanceof ApiError
    ? { code: error.code, message: error.message, details: error.details ?? null }
    : { code: 'INTERNAL', message: 'the hub failed to apply this change', details: null };

/**
 * Applies back-office changes a till queued while the hub was unreachable, in the
 * order given, each in its own transaction as its proven author (command-author.ts: an offline
 * grant of this device and a signature; the hub checks the person's current role and store
 * scope from its own user table). Each is confirmed with the operation's result or
 * rejected with the operation's error; the decision is stored, so a replay answers the same.
 * See docs/architecture.md, "Back-office changes made at a till".
 */
export async function applyCommands(
  input: OpParsedInput<'sync-commands-apply'>,
  ctx: HandlerContext,
): Promise<OpOutput<'sync-commands-apply'>> {
  const device = await requireDevice(ctx.sql, ctx.principal);
  const dispatch = hubDispatch(ctx);
  const results: CommandResult[] = [];
  for (const cmd of input.commands) {
    const before = await stored(ctx.sql, cmd.id, device.deviceId);
    if (before) {
      results.push(before);
      continue;
    }
    const at = ctx.now().toISOString();
    const record = (
      tx: SqlPort,
      status: 'CONFIRMED' | 'REJECTED',
      result: unknown,
      error: unknown,
    ) =>
      tx.query(
        `INSERT INTO sync_commands_applied (id, device_id, till_id, op, username, status, result, error,
                created_at, applied_at, grant_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
        [
          cmd.id,
          device.deviceId,
          device.tillId,
          cmd.op,
          cmd.username,
          status,
          result === null ? null : JSON.stringify(result),
          error === null ? null : JSON.stringify(error),
          cmd.createdAt,
          at,
          cmd.grantId,
        ],
      );
    let principal: Principal;
    try {
      if (!isCommandOp(cmd.op)) {
        throw new ApiError('FORBIDDEN', `${cmd.op} is not a change a till may queue`, {
          reason: 'NOT_A_COMMAND',
        });
      }
      principal = await commandAuthor(ctx.sql, device, cmd);
    } catch (error) {
      // Not recorded: a forged or misrouted copy must not use up the id of the real change.
      results.push({ id: cmd.id, status: 'REJECTED', result: null, error: errorOf(error) });
      continue;
    }
    try {
      const result = await ctx.sql.transaction(async (tx) => {
        const out = await dispatch(cmd.op, cmd.input, {
          sql: tx,
          principal,
          now: ctx.now,
          host: 'hub',
        });
        await record(tx, 'CONFIRMED', out ?? null, null);
        return out ?? null;
      });
      results.push({ id: cmd.id, status: 'CONFIRMED', result, error: null });
    } catch (error) {
      if (isUniqueViolation(error)) {
        // The same command arrived twice at once; the other delivery decided it.
        const other = await stored(ctx.sql, cmd.id, device.deviceId);
        if (other) {
          results.push(other);
          continue;
        }
      }
      const e = errorOf(error);
      try {
        await record(ctx.sql, 'REJECTED', null, e);
      } catch (recordError) {
        if (!isUniqueViolation(recordError)) throw recordError;
      }
      results.push(
        (await stored(ctx.sql, cmd.id, device.deviceId)) ?? {
          id: cmd.id,
          status: 'REJECTED',
          result: null,
          error: e,
        },
      );
    }
  }
  return { results };
}

type AppliedRow = {
  id: string;
  op: string;
  username: string;
  created_at: string;
  status: 'CONFIRMED' | 'REJECTED';
  applied_at: unknown;
  result: unknown;
  error: unknown;
  till_id: string;
};

/** The hub's view: every command tills sent, newest first (a store-scoped person: their stores'). */
export async function listAppliedCommands(
  sql: SqlPort,
  input: OpParsedInput<'sync-commands-list'>,
  principal: Principal,
): Promise<OpOutput<'sync-commands-list'>> {
  if (input.status === 'QUEUED') return { items: [] };
  const stores = storeScope(principal);
  const rows = await sql.query<AppliedRow>(
    `SELECT a.id, a.op, a.username, a.created_at, a.status, a.applied_at, a.result, a.error, a.till_id
       FROM sync_commands_applied a JOIN sync_devices d ON d.id = a.device_id
      WHERE ($1::text IS NULL OR a.status = $1) AND ($3::text[] IS NULL OR d.store_id = ANY($3::text[]))
      ORDER BY a.applied_at DESC LIMIT $2`,
    [input.status ?? null, input.limit, stores],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      op: r.op,
      username: r.username,
      createdAt: r.created_at,
      status: r.status,
      decidedAt: isoOrNull(r.applied_at),
      result: r.result ?? null,
      error: (r.error ?? null) as CommandResult['error'],
      tillId: r.till_id,
    })),
  };
}
