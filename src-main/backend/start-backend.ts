import { resolve } from 'node:path';
import type { BoundDispatch } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import type { HandlerContext, Handlers } from '#shared/api/handlers';
import type { PushEmit } from '#shared/api/push-events';
import type { Principal } from '#shared/api/roles';
import { resolveToken } from '#shared/services/auth/sessions';
import { createHandlers } from '#shared/services/handlers';
import type { SqlPort } from '#shared/sql/port';
import { composeHost } from '#server/platform/host/compose-host';
import { loadDemo } from './demo';
import { openLocalStore } from './local-store';
import { outboxRecorder } from '#shared/services/sync/till/outbox';
import type { TillHubOptions } from './sync/attach';
import { readDeviceFile } from './sync/device-file';
import { enrolHandlers } from './setup/enrol-handlers';
import { createHubFollower, type HubFollower } from './setup/hub-follower';

export type BackendOptions = {
  dataDir: string;
  /** Serve the API (and the UI when staticDir is set) over HTTP on this port; 0 = any free. */
  port?: number;
  hostname?: string;
  staticDir?: string;
  /** Load the demo data and one user per role. */
  demo?: boolean;
  clock?: () => Date;
  log?: (line: string) => void;
  /** Defaults to every service's handlers. */
  handlers?: Handlers;
  /** Records a till fact for the hub; with a hub, defaults to the sync outbox (gap-free tillSeq). */
  recordFact?: HandlerContext['recordFact'];
  /** Pushes an event to the app's windows (sync status, upload progress); no-op when headless. */
  emit?: PushEmit;
  /** PBKDF2 iterations for the demo users (tests lower it; default: production strength). */
  demoPasswordIterations?: number;
  /**
   * Follow a hub (sync, online/offline routing); see src-main/backend/sync. Without it, a till
   * enrolled earlier (from the app or with --enrol) follows the hub in its data folder's device
   * file.
   */
  hub?: TillHubOptions;
  /** Sync intervals and timeouts for a hub enrolled later from the app's screens. */
  hubTuning?: Omit<TillHubOptions, 'url' | 'enrolCode'>;
};

export type Backend = {
  dispatch: BoundDispatch;
  resolvePrincipal: (token: string) => Promise<Principal | null>;
  sql: SqlPort;
  dataDir: string;
  /** The HTTP address when a port was given. */
  url: string | null;
  /** Pushes an event to the app's windows (for the sync client and upload jobs). */
  emit: PushEmit;
  close(): Promise<void>;
};

/**
 * The till backend: locks the data directory, opens and migrates PGlite, optionally loads the
 * demo, builds the dispatcher and serves HTTP when asked. Runs in Electron's utility process
 * and as a plain Node process (headless till, `counterfoil till`).
 */
export const startBackend = async (options: BackendOptions): Promise<Backend> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const emit: PushEmit = options.emit ?? (() => undefined);
  const clock = options.clock ?? (() => new Date());
  const dataDir = resolve(options.dataDir);
  // Enrolled from the app (or with --enrol) before: follow that hub again, no flags needed.
  const saved = options.hub ? null : await readDeviceFile(dataDir);
  const hub = options.hub ?? (saved ? { url: saved.hubUrl } : undefined);
  // With a hub, every fact made here goes to the outbox (journal replay included).
  const recordFact = options.recordFact ?? (hub ? outboxRecorder() : undefined);
  const store = await openLocalStore(dataDir, { recordFact, log });
  let follower: HubFollower | null = null;
  // Built with the dispatcher below; no request reaches a handler before that.
  const startedFollower = () => {
    if (!follower) throw new ApiError('UNAVAILABLE', 'the till is still starting; try again');
    return follower;
  };
  try {
    if (options.demo) {
      for (const line of await loadDemo(store.sql, clock(), options.demoPasswordIterations)) {
        log(line);
      }
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  const base = { sql: store.sql, now: clock, host: 'till' as const, journal: store.journal };
  const composed = await composeHost({
    host: 'till',
    handlers: {
      ...(options.handlers ?? createHandlers()),
      // Enrolling and leaving change this process's own link to the hub.
      ...enrolHandlers({ dataDir, log, follower: () => startedFollower() }),
    },
    // Standalone, facts are not recorded (no hub to send them to) unless a caller asked.
    context: { ...base, ...(options.recordFact ? { recordFact: options.recordFact } : {}) },
    log,
    resolvePrincipal: (token) => resolveToken(store.sql, token, clock()),
    route: async (dispatcher, standalone) => {
      const follow = createHubFollower({
        dataDir,
        dispatcher,
        base,
        standalone,
        tuning: options.hubTuning ?? {},
        log,
        onSyncChange: (online) => emit('sync-changed', { online, at: clock().toISOString() }),
      });
      follower = follow;
      if (hub) await follow.follow(hub);
      return { dispatch: follow.dispatch, stop: () => follow.unfollow() };
    },
    ...(options.port !== undefined
      ? { http: { port: options.port, hostname: options.hostname, staticDir: options.staticDir } }
      : {}),
    closeStore: () => store.close(),
  });
  return {
    dispatch: composed.dispatch,
    resolvePrincipal: composed.resolvePrincipal,
    sql: store.sql,
    dataDir,
    url: composed.url,
    emit,
    close: composed.close,
  };
};

/** Closes the backend on SIGINT/SIGTERM, then exits: PGlite must not be cut off mid-write. */
export const closeOnSignals = (backend: Pick<Backend, 'close'>, log = console.log): void => {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing the database…`);
    backend.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
