import type { IpcReply } from '#shared/api/ipc-bridge';
import { isPushChannel, type PushChannel, type PushEvents } from '#shared/api/push-events';

/** Renderer → main: ipcRenderer.invoke(INVOKE_CHANNEL, name, input) answers an IpcReply. */
export const INVOKE_CHANNEL = 'counterfoil:invoke';
/** Main → renderer: webContents.send(EVENT_CHANNEL, channel, payload). */
export const EVENT_CHANNEL = 'counterfoil:event';

/** Main → backend (utility process) messages. */
export type BackendRequest =
  | { type: 'invoke'; id: number; name: string; input: unknown; token: string | null }
  | { type: 'shutdown' };

/** One push event as it crosses a process boundary, typed by its channel. */
export type PushMessage = {
  [K in PushChannel]: { type: 'event'; channel: K; payload: PushEvents[K] };
}[PushChannel];

/** TypeScript cannot correlate a generic channel with its payload inside the mapped union. */
export const pushMessage = <K extends PushChannel>(
  channel: K,
  payload: PushEvents[K],
): PushMessage => ({ type: 'event', channel, payload }) as PushMessage;

/** Backend → main messages. */
export type BackendMessage =
  | { type: 'reply'; id: number; reply: IpcReply }
  | PushMessage
  | { type: 'ready'; url: string | null }
  | { type: 'fatal'; message: string };

export const isBackendMessage = (value: unknown): value is BackendMessage => {
  if (typeof value !== 'object' || value === null) return false;
  const { type, channel } = value as { type?: string; channel?: unknown };
  // An event on a channel nobody declared is dropped here rather than relayed to the window.
  if (type === 'event') return isPushChannel(channel);
  return ['reply', 'ready', 'fatal'].includes(type ?? '');
};

export const isBackendRequest = (value: unknown): value is BackendRequest =>
  typeof value === 'object' &&
  value !== null &&
  ['invoke', 'shutdown'].includes((value as { type?: string }).type ?? '');
