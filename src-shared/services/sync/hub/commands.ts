import type { Dispatch } from '../../../api/dispatch';
import { ApiError } from '../../../api/errors';
import type { HandlerContext } from '../../../api/handlers';
import type { OpOutput, OpParsedInput } from '../../../api/operations';
import type { SqlPort } from '../../../sql/port';
import type { CommandResult } from '../../../sync/protocol';
import { findUserByUsername, toPrincipal } from '../../auth/users';
import { isUniqueViolation } from '../../shared/errors';
import { isoOrNull } from '../../shared/values';
import { requireDevice } from './devices';

let dispatcher: Promise<Dispatch> | null = null;
/**
 * The hub's own dispatcher, to run a queued command exactly as if its author had called the
 * operation online. Loaded lazily: the joined handler map includes this module's group.
 */
const hubDispatch = (): Promise<Dispatch> =>
  (dispatcher ??= (async () => {
    const [{ createDispatcher }, { createHandlers }] = await Promise.all([
      import('../../../api/dispatch'),
      import('../../handlers'),
    ]);
    return createDispatcher(createHandlers());
  })());

type StoredRow = { status: 'CONFIRMED' | 'REJECTED'; result: unknown; error: unknown };

const stored = async (sql: SqlPort, id: string): Promise<CommandResult | null> => {
  const rows = await sql.query<StoredRow>(
    'SELECT status, result, error FROM sync_commands_applied WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return null;
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
 * Applies back-office changes a till queued while the hub was unreachable (DESIGN §7), in the
 * order given, each in its own transaction as its author (whose role and store scope the hub
 * checks again, from its own user table). Each is confirmed with the operation's result or
 * rejected with the operation's error; the decision is stored, so a replay answers the same.
 */
export async function applyCommands(
  input: OpParsedInput<'sync-commands-apply'>,
  ctx: HandlerContext,
): Promise<OpOutput<'sync-commands-apply'>> {
  const device = await requireDevice(ctx.sql, ctx.principal);
  const dispatch = await hubDispatch();
  const results: CommandResult[] = [];
  for (const cmd of input.commands) {
    const before = await stored(ctx.sql, cmd.id);
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
                created_at, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
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
        ],
      );
    try {
      const user = await findUserByUsername(ctx.sql, cmd.username);
      if (!user) {
        throw new ApiError('FORBIDDEN', `user ${cmd.username} does not exist at the hub`, {
          field: 'username',
        });
      }
      const principal = toPrincipal(user);
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
        const other = await stored(ctx.sql, cmd.id);
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
        (await stored(ctx.sql, cmd.id)) ?? {
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

/** The hub's view: every command tills sent, newest first. */
export async function listAppliedCommands(
  sql: SqlPort,
  input: OpParsedInput<'sync-commands-list'>,
): Promise<OpOutput<'sync-commands-list'>> {
  if (input.status === 'QUEUED') return { items: [] };
  const rows = await sql.query<AppliedRow>(
    `SELECT id, op, username, created_at, status, applied_at, result, error, till_id
       FROM sync_commands_applied WHERE ($1::text IS NULL OR status = $1)
      ORDER BY applied_at DESC LIMIT $2`,
    [input.status ?? null, input.limit],
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
