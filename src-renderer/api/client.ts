import {
  operations,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '#shared/api/operations';
import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import { createHttpClient } from '#shared/api/http-client';
import { createIpcClient } from '#shared/api/ipc-bridge';
import { bridge } from './bridge';

type Session = {
  token: string | null;
  /** Called when the API says the session is no longer valid. */
  onUnauthenticated: () => void;
};

const session: Session = { token: null, onUnauthenticated: () => undefined };

/** The auth feature owns the token; the client only reads it. */
export const setSessionToken = (token: string | null): void => {
  session.token = token;
};
export const onUnauthenticated = (handler: () => void): void => {
  session.onUnauthenticated = handler;
};

const unreachable = (detail: string): ApiError =>
  new ApiError(
    'UNAVAILABLE',
    'Cannot reach the Counterfoil service. Check the connection and try again.',
    { detail },
    { reached: false },
  );

/**
 * The transport: the shared IPC client inside Electron, the shared HTTP client in a browser
 * (the headless app serves the renderer and the API on one origin). Made per call: the bridge
 * and fetch are looked up when used (the page, and tests, may replace them).
 */
const transport = (): ApiClient => {
  const b = bridge();
  return b
    ? createIpcClient(b, () => session.token)
    : createHttpClient('', session.token ?? undefined);
};

const changeListeners = new Set<() => void>();

/**
 * Called after every call that may change something (anything but a GET), answered or not:
 * the connection badge and offline banner recount what waits for the hub at once, rather than
 * at the next poll (a redeem left "1 to send" on screen while 2 waited).
 */
export const onChange = (listener: () => void): (() => void) => {
  changeListeners.add(listener);
  return () => {
    changeListeners.delete(listener);
  };
};

const notifyChange = (name: OperationName): void => {
  if (operations[name].method === 'GET') return;
  for (const listener of changeListeners) listener();
};

/** Calls one API operation over the transport of this window. Errors throw ApiError. */
export const send = async <K extends OperationName>(
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  try {
    return await transport().send(name, input);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code === 'UNAUTHENTICATED' && name !== 'auth-login') session.onUnauthenticated();
    throw e.reached ? e : unreachable(e.message);
  } finally {
    notifyChange(name);
  }
};

/** Whether the backend offers an operation (sync ops land later; screens check before calling). */
export const hasOperation = (name: string): name is OperationName =>
  Object.prototype.hasOwnProperty.call(operations, name);
