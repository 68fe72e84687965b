import { ApiError } from '#shared/api/errors';
import { isErrorReply, replyOf, type InvokeMeta, type IpcReply } from '#shared/api/ipc-bridge';
import type { BackendLink } from './backend-link';
import { INVOKE_CHANNEL } from './protocol';

/** The parts of Electron's IpcMainInvokeEvent the handler uses. */
export type InvokeEvent = {
  sender: { id: number; once(event: 'destroyed', listener: () => void): unknown };
  senderFrame?: { url: string } | null;
};

/** The part of Electron's ipcMain used here (stubbed in tests). */
export type IpcMainLike = {
  handle(
    channel: string,
    listener: (event: InvokeEvent, ...args: unknown[]) => Promise<IpcReply>,
  ): void;
  removeHandler(channel: string): void;
};

export type MainIpcOptions = {
  ipcMain: IpcMainLike;
  link: Pick<BackendLink, 'request'>;
  /** Only our own renderer may call the backend (not a page that navigated elsewhere). */
  isTrustedUrl?: (url: string) => boolean;
};

const tokenOf = (meta: unknown): string | null | undefined => {
  if (typeof meta !== 'object' || meta === null || !('token' in meta)) return undefined;
  const token = (meta as InvokeMeta).token;
  return typeof token === 'string' && token !== '' ? token : null;
};

/**
 * Renderer → main → backend. The renderer may send its session token with each call; if it
 * does not, main uses the token of that window's last successful 'auth-login'.
 */
export const registerMainIpc = (options: MainIpcOptions): (() => void) => {
  const tokens = new Map<number, string>();
  options.ipcMain.handle(INVOKE_CHANNEL, async (event, name, input, meta) => {
    const url = event.senderFrame?.url ?? '';
    if (options.isTrustedUrl && !options.isTrustedUrl(url)) {
      return replyOf(
        new ApiError('FORBIDDEN', `pages from ${url || 'unknown'} may not call the API`),
      );
    }
    if (typeof name !== 'string') {
      return replyOf(new ApiError('INVALID_INPUT', 'the operation name must be a string'));
    }
    const senderId = event.sender.id;
    const given = tokenOf(meta);
    const token = given === undefined ? (tokens.get(senderId) ?? null) : given;
    const reply = await options.link.request(name, input, token);
    const failed = isErrorReply(reply);
    if (name === 'auth-login' && !failed) {
      if (!tokens.has(senderId)) event.sender.once('destroyed', () => tokens.delete(senderId));
      tokens.set(senderId, (reply as { token: string }).token);
    }
    // An expired session is forgotten so the next sign-in starts clean.
    if (failed && reply.error.code === 'UNAUTHENTICATED' && name !== 'auth-login') {
      tokens.delete(senderId);
    }
    return reply;
  });
  return () => options.ipcMain.removeHandler(INVOKE_CHANNEL);
};
