import type { IpcReply, PushChannel } from '../../src-shared/api/ipc-bridge';

/** Renderer → main: ipcRenderer.invoke(INVOKE_CHANNEL, name, input) answers an IpcReply. */
export const INVOKE_CHANNEL = 'counterfoil:invoke';
/** Main → renderer: webContents.send(EVENT_CHANNEL, channel, payload). */
export const EVENT_CHANNEL = 'counterfoil:event';

/** Main → backend (utility process) messages. */
export type BackendRequest =
  | { type: 'invoke'; id: number; name: string; input: unknown; token: string | null }
  | { type: 'shutdown' };

/** Backend → main messages. */
export type BackendMessage =
  | { type: 'reply'; id: number; reply: IpcReply }
  | { type: 'event'; channel: PushChannel; payload: unknown }
  | { type: 'ready'; url: string | null }
  | { type: 'fatal'; message: string };

export const isBackendMessage = (value: unknown): value is BackendMessage =>
  typeof value === 'object' &&
  value !== null &&
  ['reply', 'event', 'ready', 'fatal'].includes((value as { type?: string }).type ?? '');

export const isBackendRequest = (value: unknown): value is BackendRequest =>
  typeof value === 'object' &&
  value !== null &&
  ['invoke', 'shutdown'].includes((value as { type?: string }).type ?? '');
