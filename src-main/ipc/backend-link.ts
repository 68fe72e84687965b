import { ApiError } from '#shared/api/errors';
import { replyOf, type IpcReply } from '#shared/api/ipc-bridge';
import type { BackendStatus, PushEmit } from '#shared/api/push-events';
import { isBackendMessage, type BackendRequest } from './protocol';

/** The part of Electron's UtilityProcess the link uses (a fake in tests). */
export type BackendChild = {
  postMessage(message: BackendRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
};

export type BackendLinkOptions = {
  /** A request unanswered for this long fails with UNAVAILABLE (the backend is stuck). */
  requestTimeoutMs?: number;
  /** How long shutdown waits for a clean exit before killing. */
  shutdownTimeoutMs?: number;
  /** Restarts allowed after crashes before giving up. */
  maxRestarts?: number;
  restartDelayMs?: number;
  onEvent?: PushEmit;
  onStatus?: (status: BackendStatus) => void;
  log?: (message: string) => void;
};

export type { BackendStatus };

export type BackendLink = {
  request(name: string, input: unknown, token: string | null): Promise<IpcReply>;
  status(): BackendStatus;
  shutdown(): Promise<void>;
};

type Pending = { resolve: (reply: IpcReply) => void; timer: ReturnType<typeof setTimeout> };

const unavailable = (message: string): IpcReply => replyOf(new ApiError('UNAVAILABLE', message));

/**
 * Main's end of the backend: numbers requests, matches replies, fails pending requests when the
 * backend dies and starts a new one (a crash must not leave the cashier with a dead till).
 */
export const createBackendLink = (
  spawn: () => BackendChild,
  options: BackendLinkOptions = {},
): BackendLink => {
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const maxRestarts = options.maxRestarts ?? 5;
  const log = options.log ?? (() => undefined);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let restarts = 0;
  let stopping = false;
  let current: BackendStatus = { state: 'starting' };
  let child: BackendChild;
  let exited: Promise<void>;

  const setStatus = (status: BackendStatus) => {
    current = status;
    options.onStatus?.(status);
  };

  const failPending = (message: string) => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.resolve(unavailable(message));
      pending.delete(id);
    }
  };

  const start = () => {
    setStatus({ state: 'starting' });
    child = spawn();
    let onExit: () => void = () => undefined;
    exited = new Promise<void>((resolve) => (onExit = resolve));
    child.on('message', (message) => {
      if (!isBackendMessage(message)) return;
      if (message.type === 'reply') {
        const entry = pending.get(message.id);
        if (!entry) return;
        clearTimeout(entry.timer);
        pending.delete(message.id);
        entry.resolve(message.reply);
      } else if (message.type === 'event') {
        options.onEvent?.(message.channel, message.payload);
      } else if (message.type === 'ready') {
        restarts = 0;
        setStatus({ state: 'ready', url: message.url });
      } else {
        log(`backend failed: ${message.message}`);
        setStatus({ state: 'failed', message: message.message });
      }
    });
    child.on('exit', (code) => {
      onExit();
      failPending(`the till backend stopped (exit code ${code})`);
      if (stopping) return setStatus({ state: 'stopped' });
      if (current.state === 'failed' || restarts >= maxRestarts) {
        const message =
          current.state === 'failed'
            ? current.message
            : `the till backend crashed ${restarts + 1} times; restart the app`;
        return setStatus({ state: 'failed', message });
      }
      restarts += 1;
      log(`backend exited with code ${code}; restart ${restarts} of ${maxRestarts}`);
      setStatus({ state: 'restarting', exitCode: code });
      setTimeout(() => {
        if (!stopping) start();
      }, options.restartDelayMs ?? 500);
    });
  };

  start();

  return {
    status: () => current,

    request: (name, input, token) => {
      if (stopping) return Promise.resolve(unavailable('the app is shutting down'));
      if (current.state === 'failed') return Promise.resolve(unavailable(current.message));
      if (current.state === 'restarting') {
        return Promise.resolve(unavailable('the till backend is restarting; try again'));
      }
      const id = nextId++;
      return new Promise<IpcReply>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(unavailable(`${name} got no answer within ${requestTimeoutMs / 1000} s`));
        }, requestTimeoutMs);
        pending.set(id, { resolve, timer });
        try {
          child.postMessage({ type: 'invoke', id, name, input, token });
        } catch (error) {
          // Input that cannot be structured-cloned (functions, DOM nodes) is the caller's fault.
          clearTimeout(timer);
          pending.delete(id);
          resolve(
            replyOf(
              new ApiError(
                'INVALID_INPUT',
                `the input of ${name} cannot be sent: ${String(error)}`,
              ),
            ),
          );
        }
      });
    },

    shutdown: async () => {
      if (stopping) return exited;
      stopping = true;
      if (current.state === 'stopped') return;
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs ?? 10_000);
      });
      const outcome = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        log('backend did not stop in time; killing it');
        child.kill();
        await exited;
      }
    },
  };
};
