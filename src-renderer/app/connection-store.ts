import { create } from 'zustand';
import { ApiClientError } from '../api/api-error';
import { hasOperation, send } from '../api/client';
import type { OperationName } from '../../src-shared/api/operations';

export type ConnectionStatus = 'unknown' | 'online' | 'offline';

type ConnectionState = {
  status: ConnectionStatus;
  /** 'sync-health' once the sync op exists; until then reachability of the local API. */
  source: 'api' | 'sync-health';
  checkedAt: string | null;
  /** The sync-health answer as given (pending uploads, offline allowance…), when there is one. */
  health: Record<string, unknown> | null;
  message: string | null;
  check: () => Promise<void>;
};

/** Names a future sync-health op may have; the first one defined is used. */
export const syncHealthOpNames = ['sync-health', 'sync-status'] as const;

export const syncHealthOp = (): OperationName | null =>
  syncHealthOpNames.find((n) => hasOperation(n)) ?? null;

/** Reads "online" from a sync-health answer: explicit flags win, else answering means online. */
export const statusFromHealth = (health: Record<string, unknown>): ConnectionStatus => {
  for (const key of ['online', 'hubReachable', 'connected']) {
    if (typeof health[key] === 'boolean') return health[key] ? 'online' : 'offline';
  }
  if (health.status === 'online' || health.status === 'offline') return health.status;
  return 'online';
};

export const useConnection = create<ConnectionState>()((set) => ({
  status: 'unknown',
  source: syncHealthOp() ? 'sync-health' : 'api',
  checkedAt: null,
  health: null,
  message: null,
  check: async () => {
    const op = syncHealthOp();
    const checkedAt = new Date().toISOString();
    try {
      if (op) {
        const health = (await send(op, {} as never)) as unknown as Record<string, unknown>;
        set({
          status: statusFromHealth(health),
          source: 'sync-health',
          health,
          checkedAt,
          message: null,
        });
      } else {
        await send('auth-me', {});
        set({ status: 'online', source: 'api', checkedAt, message: null });
      }
    } catch (e) {
      // Any answer from the server means it is reachable; only transport failures are offline.
      const reached = e instanceof ApiClientError && e.status !== 0;
      set({
        status: reached ? 'online' : 'offline',
        checkedAt,
        message: reached ? null : e instanceof Error ? e.message : String(e),
      });
    }
  },
}));
