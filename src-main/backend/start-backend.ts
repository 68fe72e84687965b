import { resolve } from 'node:path';
import { bindDispatch, createDispatcher, type BoundDispatch } from '../../src-shared/api/dispatch';
import type { HandlerContext, Handlers } from '../../src-shared/api/handlers';
import type { PushEmit } from '../../src-shared/api/push-events';
import type { Principal } from '../../src-shared/api/roles';
import { resolveToken } from '../../src-shared/services/auth/sessions';
import { createHandlers } from '../../src-shared/services/handlers';
import type { SqlPort } from '../../src-shared/sql/port';
import { createHttpApp } from '../../src-server/platform/http/app';
import { listen, type RunningServer } from '../../src-server/platform/http/listen';
import { resumeUploads } from '../../src-shared/services/uploads';
import { loadDemo } from './demo';
import { openLocalStore } from './local-store';
import { outboxRecorder } from '../../src-shared/services/sync/till/outbox';
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
  let server: RunningServer | null = null;
  let follower: HubFollower | null = null;
  const closeAll = async () => {
    await server?.close().catch((e: unknown) => log(`closing HTTP: ${String(e)}`));
    await follower?.unfollow().catch((e: unknown) => log(`stopping sync: ${String(e)}`));
    await store.close();
  };

  try {
    if (options.demo) {
      for (const line of await loadDemo(store.sql, clock(), options.demoPasswordIterations)) {
        log(line);
      }
    }
    const handlers = {
      ...(options.handlers ?? createHandlers()),
      // Enrolling and leaving change this process's own link to the hub.
      ...enrolHandlers({ dataDir, log, follower: () => follow }),
    };
    const dispatcher = createDispatcher(handlers, {
      onInternalError: (error, name) =>
        log(
          `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    });
    const base = { sql: store.sql, now: clock, host: 'till' as const, journal: store.journal };
    // Standalone, facts are not recorded (no hub to send them to) unless a caller asked.
    const standalone = bindDispatch(dispatcher, {
      ...base,
      ...(options.recordFact ? { recordFact: options.recordFact } : {}),
    });
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
    const dispatch = follow.dispatch;
    const resolvePrincipal = (token: string) => resolveToken(store.sql, token, clock());

    if (options.port !== undefined) {
      const app = createHttpApp({
        dispatch,
        resolvePrincipal,
        staticDir: options.staticDir,
        host: 'till',
        onInternalError: (error) => log(`http: ${String(error)}`),
      });
      server = await listen(app, { port: options.port, hostname: options.hostname });
    }
    // Uploads acknowledged before a stop (QUEUED, or RUNNING when it died) finish now.
    const resumed = await resumeUploads(store.sql, clock);
    if (resumed.length > 0) log(`resuming ${resumed.length} unfinished upload(s)`);

    let closing: Promise<void> | null = null;
    return {
      dispatch,
      resolvePrincipal,
      sql: store.sql,
      dataDir,
      url: server?.url ?? null,
      emit,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
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
