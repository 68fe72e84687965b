import type { SqlPort } from '#shared/sql/port';
import { parseCursor } from '#shared/sync/cursor';
import type { SyncHealth } from '#shared/sync/protocol';
import { isoOrNull } from '#shared/services/shared/values';
import { readSyncState } from './state';

type LeaseRow = {
  offer_id: string;
  name: string | null;
  granted: unknown;
  remaining: unknown;
  expires_at: unknown;
};

/**
 * The till's sync health: online, last success, facts and commands
 * waiting, lag behind the hub, and offline allowance left per offer.
 * See docs/architecture.md, "Who uses it".
 */
export async function tillHealth(sql: SqlPort, now: Date): Promise<SyncHealth> {
  const state = await readSyncState(sql);
  const counts = await sql.query<{ facts: unknown; commands: unknown; refused: unknown }>(
    `SELECT (SELECT count(*) FROM till_outbox) AS facts,
            (SELECT count(*) FROM till_commands WHERE status = 'QUEUED') AS commands,
            (SELECT count(*) FROM till_fact_outcomes) AS refused`,
  );
  const leases = await sql.query<LeaseRow>(
    `SELECT l.offer_id, o.name, SUM(l.granted) AS granted, SUM(l.granted - l.used) AS remaining,
            MAX(l.expires_at) AS expires_at
       FROM till_leases l LEFT JOIN offers o ON o.id = l.offer_id
      WHERE l.status = 'ACTIVE' AND l.expires_at > $1
      GROUP BY l.offer_id, o.name ORDER BY o.name`,
    [now.toISOString()],
  );
  const cursor = parseCursor(state.cursor);
  const lag =
    state.horizon === null || cursor === null ? null : Math.max(0, state.horizon - 1 - cursor.xid);
  return {
    host: 'till',
    online: state.online,
    hubUrl: state.hubUrl,
    tillId: state.tillId,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
    pendingFacts: Number(counts[0]?.facts ?? 0),
    pendingCommands: Number(counts[0]?.commands ?? 0),
    refusedFacts: Number(counts[0]?.refused ?? 0),
    ackedSeq: state.ackedSeq,
    lag,
    hubVersion: state.horizon,
    cursor: state.cursor,
    leases: leases.map((l) => ({
      offerId: l.offer_id,
      offerName: l.name ?? l.offer_id,
      granted: Number(l.granted),
      remaining: Number(l.remaining),
      expiresAt: isoOrNull(l.expires_at),
    })),
    tills: [],
  };
}
