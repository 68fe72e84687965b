import type { BoundDispatch, Dispatch, DispatchContext } from '#shared/api/dispatch';
import { attachTillSync, type TillHubOptions, type TillSync } from '../sync/attach';

/**
 * The till's link to its hub, which may change while the backend runs: enrolling from the
 * first-run or Settings screen attaches the sync loop and router without a restart, leaving
 * the hub detaches them. Transports hold `dispatch`, which always goes through the current one.
 */
export type HubFollower = {
  dispatch: BoundDispatch;
  current: () => TillSync | null;
  /** Starts following (the device file for this hub must exist, or hub.enrolCode be given). */
  follow: (hub: TillHubOptions) => Promise<TillSync>;
  /** Stops the sync loop and serves from the replica alone. */
  unfollow: () => Promise<void>;
};

export const createHubFollower = (o: {
  dataDir: string;
  dispatcher: Dispatch;
  base: Omit<DispatchContext, 'principal' | 'recordFact'>;
  /** The replica's own dispatch: what a till without a hub serves. */
  standalone: BoundDispatch;
  /** Intervals, timeouts and batch sizes from the command line, kept for a runtime enrolment. */
  tuning: Omit<TillHubOptions, 'url' | 'enrolCode'>;
  log: (line: string) => void;
  /** Sync state changes, for the app's window. */
  onSyncChange?: (online: boolean) => void;
}): HubFollower => {
  let sync: TillSync | null = null;
  // One change at a time: two screens enrolling at once must not leave two loops running.
  let changing: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = changing.then(work, work);
    changing = next.catch(() => undefined);
    return next;
  };
  const stop = async () => {
    const was = sync;
    sync = null;
    await was?.close();
  };
  return {
    dispatch: (name, input, principal, meta) =>
      (sync?.dispatch ?? o.standalone)(name, input, principal, meta),
    current: () => sync,
    follow: (hub) =>
      serially(async () => {
        await stop();
        sync = await attachTillSync({
          hub: { ...o.tuning, ...hub },
          dataDir: o.dataDir,
          dispatcher: o.dispatcher,
          base: o.base,
          log: o.log,
          onChange: o.onSyncChange,
        });
        return sync;
      }),
    unfollow: () => serially(stop),
  };
};
