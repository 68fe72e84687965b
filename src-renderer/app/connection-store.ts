import { create } from 'zustand';
import { ApiClientError } from '../api/api-error';
import { hasOperation, send } from '../api/client';
import type { OpOutput } from '#shared/api/operations';
import type { BackendStatus } from '#shared/api/push-events';
import { bridge } from '../api/bridge';

export type ConnectionStatus = 'unknown' | 'online' | 'offline';
export type SyncHealth = OpOutput<'sync-health'>;

type ConnectionState = {
  status: ConnectionStatus;
  /** 'hub' when a till syncs with a hub (online = the hub answers); 'api' = the backend answers. */
  source: 'api' | 'hub';
  checkedAt: string | null;
  /** The sync-health answer (pending facts, offline allowance…), when the backend gives one. */
  health: SyncHealth | null;
  message: string | null;
  check: () => Promise<void>;
};

/** A till connected to a hub is online when the hub answers; otherwise reaching the API is. */
export const readHealth = (h: SyncHealth): { status: ConnectionStatus; source: 'api' | 'hub' } =>
  h.host === 'till' && h.hubUrl !== null
    ? { status: h.online ? 'online' : 'offline', source: 'hub' }
    : { status: 'online', source: 'api' };

/** Whether the health answer is from a till that has no hub to sync with. */
export const isStandalone = (h: SyncHealth | null): boolean =>
  h === null || (h.host === 'till' && h.hubUrl === null);

// Answers can arrive out of order (a poll and a recount after a redeem): only the newest counts.
let latest = 0;

export const useConnection = create<ConnectionState>()((set) => ({
  status: 'unknown',
  source: 'api',
  checkedAt: null,
  health: null,
  message: null,
  check: async () => {
    const checkedAt = new Date().toISOString();
    const mine = (latest += 1);
    try {
      // Older backends may not offer sync health: then the API answering is all we know.
      if (hasOperation('sync-health')) {
        const health = await send('sync-health', {});
        if (mine !== latest) return;
        set({ ...readHealth(health), health, checkedAt, message: health.lastError });
      } else {
        await send('auth-me', {});
        set({ status: 'online', source: 'api', health: null, checkedAt, message: null });
      }
    } catch (e) {
      if (mine !== latest) return;
      // Any answer from the server means it is reachable; only transport failures are offline.
      const reached = e instanceof ApiClientError && e.reached;
      set({
        status: reached ? 'online' : 'offline',
        source: 'api',
        checkedAt,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  },
}));

/** What the badge says while main restarts or has given up on the till's engine. */
export const engineMessage = (status: BackendStatus): string | null => {
  switch (status.state) {
    case 'restarting':
      return "The till's engine stopped and is restarting. Wait a moment, then try again.";
    case 'failed':
      return `The till's engine could not start: ${status.message}. Restart the app; if it happens again, call support.`;
    case 'starting':
    case 'ready':
    case 'stopped':
      return null;
  }
};

/**
 * In the desktop app the backend says when sync state changes, so the badge and the banner's
 * count follow a push or an outage at once rather than at the next poll. A browser on the
 * headless till has no push channel and relies on polling alone.
 */
export const followBackendEvents = (): (() => void) => {
  const b = bridge();
  if (!b) return () => undefined;
  const { check } = useConnection.getState();
  const offSync = b.on('sync-changed', () => void check());
  const offEngine = b.on('backend-status', (status) => {
    const message = engineMessage(status);
    if (message) useConnection.setState({ status: 'offline', source: 'api', message });
    else if (status.state === 'ready') void check();
  });
  return () => {
    offSync();
    offEngine();
  };
};
