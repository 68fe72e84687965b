import type { BoundDispatch, Dispatch, DispatchContext } from '#shared/api/dispatch';
import { ensureRegistration } from './enrol';
import { createHubClient, DEFAULT_HUB_TIMEOUT_MS } from './hub-link';
import { createSyncRouter } from './router';
import { SyncClient } from './sync-client';

/** Deadline for the sync loop's own calls (pull pages, push batches), ms. */
export const SYNC_CALL_TIMEOUT_MS = 120_000;

/** How a till follows a hub (`counterfoil till --hub URL [--enrol CODE] …`). */
export type TillHubOptions = {
  url: string;
  /** One-time enrolment code; needed the first time only (the credential is kept in the data dir). */
  enrolCode?: string;
  /** Pause between sync rounds while online, ms (default 5000). */
  syncIntervalMs?: number;
  /** Deadline for each call to the hub before the till serves offline, ms (default 1500). */
  timeoutMs?: number;
  /** Offline allowance to ask for per series-limited offer (the hub caps it at a fair share). */
  leaseWant?: number;
  /** Facts per push (default 500). */
  pushBatch?: number;
};

export type TillSync = {
  /** The till's API: online/offline routing in front of the replica's dispatcher. */
  dispatch: BoundDispatch;
  client: SyncClient;
  tillId: string;
  storeId: string;
  close(): Promise<void>;
};

/**
 * Connects a till backend to its hub: registers once (enrolment code → device credential in
 * the data dir), starts the background sync loop and puts the router in front of the local
 * dispatcher. The caller passes `outboxRecorder()` as recordFact for journal replay.
 */
export async function attachTillSync(o: {
  hub: TillHubOptions;
  dataDir: string;
  dispatcher: Dispatch;
  base: Omit<DispatchContext, 'principal' | 'recordFact'>;
  log: (line: string) => void;
  /** Tells the app's window that sync state changed (no-op headless). */
  onChange?: (online: boolean) => void;
}): Promise<TillSync> {
  const device = await ensureRegistration({
    dataDir: o.dataDir,
    sql: o.base.sql,
    hubUrl: o.hub.url,
    enrolCode: o.hub.enrolCode,
    log: o.log,
  });
  // Two deadlines: a cashier waits at most timeoutMs for the hub before being served offline;
  // the background loop may wait long for a big page or batch (a slow page is not an outage).
  const hub = createHubClient(
    device.hubUrl,
    device.token,
    o.hub.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
  );
  const background = createHubClient(device.hubUrl, device.token, SYNC_CALL_TIMEOUT_MS);
  const client = new SyncClient({
    sql: o.base.sql,
    hub: background,
    now: o.base.now,
    intervalMs: o.hub.syncIntervalMs ?? 5000,
    leaseWant: o.hub.leaseWant,
    pushBatch: o.hub.pushBatch,
    log: (line) => o.log(`sync: ${line}`),
    onChange: o.onChange,
  });
  const dispatch = createSyncRouter({
    dispatch: o.dispatcher,
    base: o.base,
    hub,
    client,
    flushWaitMs: o.hub.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
  });
  client.start();
  o.log(`following the hub at ${device.hubUrl} as till ${device.tillId} (store ${device.storeId})`);
  return {
    dispatch,
    client,
    tillId: device.tillId,
    storeId: device.storeId,
    close: () => client.stop(),
  };
}
