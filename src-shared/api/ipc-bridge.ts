import type { ApiClient } from './client';
import { ApiError, type ApiErrorBody } from './errors';
import type { OperationName, OpInput, OpOutput } from './operations';
import type { PushChannel, PushEvents } from './push-events';

/**
 * One answer over IPC, shaped like an HTTP body: the operation's output, or `{ error }`.
 * Errors travel as data, not rejections: Electron's contextBridge keeps only the message of a
 * thrown error, and the renderer needs the code and details. (No output has a top-level
 * `error` field, so the two cannot be confused.)
 */
export type IpcReply = unknown;

/** Who is calling, when the renderer holds the session token (it may also leave it to main). */
export type InvokeMeta = { token: string | null };

/** What the preload exposes as `window.counterfoil` in the Electron app: nothing else. */
export type CounterfoilBridge = {
  invoke(name: string, input: unknown, meta?: InvokeMeta): Promise<IpcReply>;
  /** Subscribes to one of the backend's push events; returns the function that unsubscribes. */
  on<K extends PushChannel>(channel: K, listener: (payload: PushEvents[K]) => void): () => void;
};

export const isErrorReply = (reply: unknown): reply is ApiErrorBody =>
  typeof reply === 'object' &&
  reply !== null &&
  typeof (reply as { error?: { code?: unknown } }).error?.code === 'string';

export const replyOf = (error: unknown): ApiErrorBody => {
  const apiError =
    error instanceof ApiError ? error : new ApiError('INTERNAL', 'the request failed unexpectedly');
  return apiError.toBody();
};

/** The typed client over the Electron bridge: same `send` as the HTTP and in-process clients. */
export const createIpcClient = (
  bridge: Pick<CounterfoilBridge, 'invoke'>,
  token: () => string | null = () => null,
): ApiClient => ({
  send: async <K extends OperationName>(name: K, input: OpInput<K>) => {
    let reply: IpcReply;
    try {
      reply = await bridge.invoke(name, input, { token: token() });
    } catch (error) {
      // Main answers errors as data; a rejection means the call never got an answer.
      throw new ApiError('UNAVAILABLE', `the backend did not answer: ${String(error)}`, null, {
        reached: false,
      });
    }
    if (isErrorReply(reply)) throw ApiError.fromBody(reply);
    return reply as OpOutput<K>;
  },
});
