import {
  bindDispatch,
  createDispatcher,
  type BoundDispatch,
  type Dispatch,
  type DispatchContext,
} from '#shared/api/dispatch';
import type { Handlers } from '#shared/api/handlers';
import type { Principal } from '#shared/api/roles';
import { nameUploadRunner, resumeUploads, stopUploads } from '../../../src-shared/services/uploads';
import { createHttpApp } from '../http/app';
import { listen, type RunningServer } from '../http/listen';

/** Something a host started and must stop on close (a sync loop, a scheduler, a poll). */
export type Stoppable = { stop(): Promise<void> };

export type Routed = { dispatch: BoundDispatch } & Partial<Stoppable>;

export type HostRecipe = {
  host: 'till' | 'hub';
  handlers: Handlers;
  /** Database, clock and host fixed for every call (a till adds its journal and fact recorder). */
  context: Omit<DispatchContext, 'principal'>;
  log: (line: string) => void;
  /** Bearer token → who is calling (sessions; at the hub, device credentials too). */
  resolvePrincipal: (token: string) => Promise<Principal | null>;
  /**
   * What transports call. Defaults to the dispatcher bound to `context`; a till that follows a
   * hub puts its online/offline router in front of it (and stops its sync loop on close).
   */
  route?: (dispatcher: Dispatch, direct: BoundDispatch) => Promise<Routed> | Routed;
  /** Names this process in the upload queue (hub processes that share one database). */
  uploadRunner?: string;
  /** Serve the API (and the built UI when staticDir is set) over HTTP; port 0 = any free. */
  http?: { port: number; hostname?: string; staticDir?: string };
  /**
   * Work started once the API answers, in order; stopped in reverse order on close, before
   * the store. Uploads acknowledged before a stop are resumed by the host itself.
   */
  background?: readonly (() => Stoppable | Promise<Stoppable>)[];
  /** Closes the database (and its lock) last. */
  closeStore: () => Promise<void>;
};

export type ComposedHost = {
  dispatch: BoundDispatch;
  dispatcher: Dispatch;
  resolvePrincipal: HostRecipe['resolvePrincipal'];
  /** The HTTP address when `http` was given. */
  url: string | null;
  port: number | null;
  /** Idempotent: every caller gets the same closing. */
  close(): Promise<void>;
};

/**
 * The one way a host is put together, shared by the till and the hub: dispatcher, principal
 * resolution, listen, resume acknowledged uploads, background work, and a close that undoes
 * it all in reverse. A host differs only in its recipe (see docs/architecture.md, "Hosts and components").
 */
export async function composeHost(recipe: HostRecipe): Promise<ComposedHost> {
  const { log } = recipe;
  const dispatcher = createDispatcher(recipe.handlers, {
    onInternalError: (error, name) =>
      log(
        `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  });
  const direct = bindDispatch(dispatcher, recipe.context);
  const started: Stoppable[] = [];
  let server: RunningServer | null = null;
  const stopAll = async () => {
    await server?.close().catch((e: unknown) => log(`closing HTTP: ${String(e)}`));
    for (const s of started.reverse()) {
      await s.stop().catch((e: unknown) => log(`stopping: ${String(e)}`));
    }
    // Between batches: an upload in progress is left for another process or the next start.
    await stopUploads(recipe.context.sql);
    await recipe.closeStore();
  };
  try {
    const routed = recipe.route ? await recipe.route(dispatcher, direct) : { dispatch: direct };
    const { dispatch } = routed;
    if (routed.stop) started.push({ stop: routed.stop });
    if (recipe.http) {
      const app = createHttpApp({
        dispatch,
        resolvePrincipal: recipe.resolvePrincipal,
        staticDir: recipe.http.staticDir,
        host: recipe.host,
        onInternalError: (error) => log(`http: ${String(error)}`),
      });
      server = await listen(app, { port: recipe.http.port, hostname: recipe.http.hostname });
    }
    // Uploads acknowledged before a stop (QUEUED, or RUNNING when it died) finish now, here or
    // in another hub process on the same database (upload-queue.ts: one runner at a time).
    const { sql, now } = recipe.context;
    if (recipe.uploadRunner) nameUploadRunner(sql, recipe.uploadRunner, now);
    const resumed = await resumeUploads(sql, now);
    if (resumed.length > 0) log(`resuming ${resumed.length} unfinished upload(s)`);
    for (const start of recipe.background ?? []) started.push(await start());

    let closing: Promise<void> | null = null;
    return {
      dispatch,
      dispatcher,
      resolvePrincipal: recipe.resolvePrincipal,
      url: server?.url ?? null,
      port: server?.port ?? null,
      close: () => (closing ??= stopAll()),
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
