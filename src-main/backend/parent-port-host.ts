import { ApiError } from '#shared/api/errors';
import { replyOf, type IpcReply } from '#shared/api/ipc-bridge';
import type { PushEmit } from '#shared/api/push-events';
import { isBackendRequest, pushMessage, type BackendMessage } from '../ipc/protocol';

/** Electron's process.parentPort in a utility process (typed here to keep Electron types out). */
export type ParentPortLike = {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: BackendMessage): void;
};

export type BackendHost = {
  handle(name: string, input: unknown, token: string | null): Promise<IpcReply>;
  shutdown(): Promise<void>;
};

/**
 * Serves main's requests in the utility process. Listens at once, before the database is
 * open, so no early request is dropped; they wait for `host`.
 */
export const serveParentPort = (
  port: ParentPortLike,
  host: Promise<BackendHost>,
): { emit: PushEmit } => {
  // A backend that failed to start is reported by the caller ('fatal'); requests then get
  // UNAVAILABLE below. Without this, the rejection would be unhandled until a request came.
  host.catch(() => undefined);
  port.on('message', ({ data }) => {
    if (!isBackendRequest(data)) return;
    if (data.type === 'shutdown') {
      void host.then((h) => h.shutdown()).catch(() => undefined);
      return;
    }
    void host
      .then((h) => h.handle(data.name, data.input, data.token))
      .catch((error: unknown): IpcReply =>
        replyOf(new ApiError('UNAVAILABLE', `the till backend did not start: ${String(error)}`)),
      )
      .then((reply) => port.postMessage({ type: 'reply', id: data.id, reply }));
  });
  return { emit: (channel, payload) => port.postMessage(pushMessage(channel, payload)) };
};
