import type { SqlPort } from '#shared/sql/port';
import type { FactResult } from '#shared/sync/protocol';
import type { grantCreateOutput } from '#shared/sync/protocol-trust';
import type { z } from 'zod';
import { signCommand } from '#shared/sync/command-proof';

type GrantOut = z.infer<typeof grantCreateOutput>;

/**
 * Keeps the offline grant the hub issued to a person signing in here (docs/security.md), and
 * the person's row, so they can sign in again while the hub is unreachable (with the verifier,
 * when the hub sent one) and their session survives until the next users snapshot.
 */
export async function keepGrant(sql: SqlPort, out: GrantOut, now: Date): Promise<void> {
  const g = out.grant;
  await sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO till_grants (id, user_id, username, secret, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET secret = EXCLUDED.secret, expires_at = EXCLUDED.expires_at`,
      [g.id, g.userId, g.username, out.secret, g.issuedAt, g.expiresAt],
    );
    await tx.query(
      `INSERT INTO users (id, username, password_hash, salt, role, store_ids, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username,
              password_hash = EXCLUDED.password_hash, salt = EXCLUDED.salt,
              role = EXCLUDED.role, store_ids = EXCLUDED.store_ids`,
      [
        g.userId,
        g.username,
        out.verifier?.passwordHash ?? '',
        out.verifier?.salt ?? '',
        g.role,
        g.storeIds === null ? null : JSON.stringify(g.storeIds),
        now.toISOString(),
      ],
    );
    // Expired grants are of no use to anyone; a till keeps only live ones.
    await tx.query('DELETE FROM till_grants WHERE expires_at <= $1', [now.toISOString()]);
  });
}

export type LiveGrant = { id: string; secret: string; expiresAt: string };

/** The person's live grant on this till, or null (then their changes cannot be signed). */
export async function liveGrant(
  sql: SqlPort,
  userId: string,
  now: Date,
): Promise<LiveGrant | null> {
  const rows = await sql.query<{ id: string; secret: string; expires_at: unknown }>(
    `SELECT id, secret, expires_at FROM till_grants WHERE user_id = $1 AND expires_at > $2
      ORDER BY expires_at DESC LIMIT 1`,
    [userId, now.toISOString()],
  );
  const row = rows[0];
  return row ? { id: row.id, secret: row.secret, expiresAt: String(row.expires_at) } : null;
}

/** Signs a change with the author's grant: what the hub checks before it runs the change. */
export const signWithGrant = (
  grant: LiveGrant,
  cmd: { id: string; op: string; input: unknown; username: string; createdAt: string },
): Promise<string> => signCommand(grant.secret, { ...cmd, grantId: grant.id });

/**
 * Remembers the hub's verdict on facts it rejected or found invalid: the outbox drops them
 * once acknowledged, and the till's sync health must still count them.
 */
export async function keepRefusals(
  sql: SqlPort,
  results: readonly FactResult[],
  kinds: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const refused = results.filter((r) => r.outcome === 'rejected' || r.outcome === 'invalid');
  if (refused.length === 0) return;
  await sql.query(
    `INSERT INTO till_fact_outcomes (client_id, till_seq, kind, outcome, reason_code, message, decided_at)
     SELECT r.client_id, r.till_seq, r.kind, r.outcome, r.reason_code, r.message, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(client_id text, till_seq bigint, kind text,
            outcome text, reason_code text, message text)
     ON CONFLICT (client_id) DO NOTHING`,
    [
      JSON.stringify(
        refused.map((r) => ({
          client_id: r.clientId,
          till_seq: r.tillSeq,
          kind: kinds.get(r.clientId) ?? 'UNKNOWN',
          outcome: r.outcome,
          reason_code: r.reason?.code ?? 'UNKNOWN',
          message: r.reason?.message ?? '',
        })),
      ),
      now.toISOString(),
    ],
  );
}
