/**
 * What the till's backend tells the app's window without being asked (Electron only; a browser
 * on the headless till polls instead). One map, so a producer and a subscriber of a channel
 * cannot disagree on its payload.
 */

/** Main's view of the backend process, shown when the till's engine is not answering. */
export type BackendStatus =
  | { state: 'starting' }
  | { state: 'ready'; url: string | null }
  | { state: 'restarting'; exitCode: number }
  | { state: 'failed'; message: string }
  | { state: 'stopped' };

export type PushEvents = {
  /**
   * The till's link to its hub changed: a sync round ended (facts sent, changes pulled) or the
   * hub stopped answering. The window re-reads sync health at once instead of at its next poll.
   */
  'sync-changed': { online: boolean; at: string };
  'backend-status': BackendStatus;
};

export type PushChannel = keyof PushEvents;

export const pushChannels: readonly PushChannel[] = ['sync-changed', 'backend-status'];

export const isPushChannel = (value: unknown): value is PushChannel =>
  typeof value === 'string' && (pushChannels as readonly string[]).includes(value);

/** Sends one typed event; the transport (utility process port, webContents) is the caller's. */
export type PushEmit = <K extends PushChannel>(channel: K, payload: PushEvents[K]) => void;
