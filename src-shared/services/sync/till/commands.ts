import type { SqlPort } from '#shared/sql/port';
import type { CommandOp } from '#shared/api/placement';
import type { CommandResult } from '#shared/sync/protocol-commands';
import { isoOf, isoOrNull } from '#shared/services/shared/values';

type CommandRow = {
  id: string;
  grant_id?: string | null;
  signature?: string | null;
  op: CommandOp;
  input: Record<string, unknown>;
  username: string;
  created_at: unknown;
  status: 'QUEUED' | 'CONFIRMED' | 'REJECTED';
  decided_at: unknown;
  result: unknown;
  error: unknown;
};

/** Queues a back-office change made at the till for the hub to apply in order. */
export async function queueCommand(
  sql: SqlPort,
  cmd: {
    id: string;
    op: CommandOp;
    input: unknown;
    username: string;
    createdAt: string;
    /** The author's offline grant and the command signed with it (till/grants.ts). */
    grantId: string;
    signature: string;
  },
): Promise<void> {
  await sql.query(
    `INSERT INTO till_commands (id, op, input, username, created_at, grant_id, signature)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
     ON CONFLICT (id) DO NOTHING`,
    [
      cmd.id,
      cmd.op,
      JSON.stringify(cmd.input ?? {}),
      cmd.username,
      cmd.createdAt,
      cmd.grantId,
      cmd.signature,
    ],
  );
}

/** The oldest queued commands, in the order they were made. */
export async function queuedCommands(sql: SqlPort, limit: number) {
  const rows = await sql.query<CommandRow>(
    `SELECT id, op, input, username, created_at, status, decided_at, result, error, grant_id, signature
       FROM till_commands WHERE status = 'QUEUED' ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    op: r.op,
    input: r.input,
    username: r.username,
    createdAt: isoOf(r.created_at),
    grantId: r.grant_id ?? null,
    signature: r.signature ?? null,
  }));
}

/** Records the hub's decisions: confirmed with its result, or rejected with its reason. */
export async function recordDecisions(
  sql: SqlPort,
  results: readonly CommandResult[],
  now: Date,
): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const r of results) {
      if (r.status === 'QUEUED') continue;
      await tx.query(
        `UPDATE till_commands SET status = $2, decided_at = $3, result = $4::jsonb, error = $5::jsonb
          WHERE id = $1 AND status = 'QUEUED'`,
        [
          r.id,
          r.status,
          now.toISOString(),
          r.result === null || r.result === undefined ? null : JSON.stringify(r.result),
          r.error === null ? null : JSON.stringify(r.error),
        ],
      );
    }
  });
}

export async function commandById(sql: SqlPort, id: string) {
  const rows = await sql.query<CommandRow>(
    'SELECT id, op, input, username, created_at, status, decided_at, result, error FROM till_commands WHERE id = $1',
    [id],
  );
  return rows[0] ? toView(rows[0]) : null;
}

const toView = (r: CommandRow) => ({
  id: r.id,
  op: r.op,
  username: r.username,
  createdAt: isoOf(r.created_at),
  status: r.status,
  decidedAt: isoOrNull(r.decided_at),
  result: r.result ?? null,
  error: (r.error ?? null) as CommandResult['error'],
  tillId: null,
});

/** The till's view for the UI: its queued changes and the hub's verdict on each. */
export async function listTillCommands(sql: SqlPort, status: string | undefined, limit: number) {
  const rows = await sql.query<CommandRow>(
    `SELECT id, op, input, username, created_at, status, decided_at, result, error FROM till_commands
      WHERE ($1::text IS NULL OR status = $1) ORDER BY seq DESC LIMIT $2`,
    [status ?? null, limit],
  );
  return { items: rows.map(toView) };
}
