import type { SetupStatus } from '#shared/api/operations/setup';
import type { SqlPort } from '#shared/sql/port';
import { readSyncState } from '../sync/index';

type NameRow = { id: string; name: string; currency: string | null };

export const anyUsers = async (sql: SqlPort): Promise<boolean> =>
  (await sql.query('SELECT 1 FROM users LIMIT 1')).length > 0;

/**
 * Whether this host is on its first run and, for a till, which hub and till it follows. Names
 * come from the replica's org tree, which a freshly enrolled till has only after its first pull.
 */
export async function setupStatus(sql: SqlPort, host: 'till' | 'hub'): Promise<SetupStatus> {
  const hasUsers = await anyUsers(sql);
  if (host === 'hub') return { host, hasUsers, firstRun: false, hub: null };
  const state = await readSyncState(sql);
  if (state.hubUrl === null) return { host, hasUsers, firstRun: !hasUsers, hub: null };
  const ids = [state.tillId, state.storeId].filter((id): id is string => id !== null);
  const rows = await sql.query<NameRow>(
    'SELECT id, name, currency FROM org_entities WHERE id = ANY($1::text[])',
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const store = state.storeId === null ? undefined : byId.get(state.storeId);
  return {
    host,
    hasUsers,
    firstRun: false,
    hub: {
      url: state.hubUrl,
      tillId: state.tillId,
      storeId: state.storeId,
      tillName: (state.tillId === null ? undefined : byId.get(state.tillId))?.name ?? null,
      storeName: store?.name ?? null,
      currency: store?.currency ?? null,
    },
  };
}
