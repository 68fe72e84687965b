import {
  operations,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '../../src-shared/api/operations';
import { ApiError } from '../../src-shared/api/errors';
import { createHttpClient, type FetchLike } from '../../src-shared/api/http-client';
import { ApiClientError, errorFromBody } from './api-error';
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

const unreachable = (detail: string): ApiClientError =>
  new ApiClientError(
    'UNAVAILABLE',
    'Cannot reach the Counterfoil service. Check the connection and try again.',
    { detail },
    0,
  );

/**
 * HTTP goes through the shared client (src-shared/api/http-client.ts), the same request mapping
 * the tills and tests use; this adds the session token and turns its ApiError into the
 * renderer's ApiClientError, with the HTTP status (0 when the service was never reached, so a
 * screen can tell "outcome unknown" from a refusal).
 */
const viaHttp = async <K extends OperationName>(
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  let status = 0;
  // Looked up per call, not captured at load: the page (and tests) may replace fetch.
  const fetchRecordingStatus: FetchLike = async (url, init) => {
    const res = await (globalThis as { fetch: FetchLike }).fetch(url, init);
    status = res.status;
    return res;
  };
  // Same origin: the headless app serves the renderer and the API together.
  const client = createHttpClient('', session.token ?? undefined, { fetch: fetchRecordingStatus });
  try {
    return await client.send(name, input);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (status === 0) throw unreachable(e.message);
    throw new ApiClientError(e.code, e.message, e.details, status);
  }
};

const viaIpc = async <K extends OperationName>(
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  const b = bridge();
  if (!b) throw unreachable('no bridge');
  let out: unknown;
  try {
    out = await b.invoke(name, input, { token: session.token });
  } catch (e) {
    // Electron flattens a rejected invoke to "Error invoking remote method …: <message>"; a
    // backend that serialises its error body into the message is read back here.
    const text = e instanceof Error ? e.message : String(e);
    const json = text.slice(text.indexOf('{'));
    try {
      const parsed = errorFromBody(JSON.parse(json));
      if (parsed) throw parsed;
    } catch (inner) {
      if (inner instanceof ApiClientError) throw inner;
    }
    throw unreachable(text);
  }
  const err = errorFromBody(out);
  if (err) throw err;
  return out as OpOutput<K>;
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

/**
 * Calls one API operation: over IPC inside Electron, over HTTP in a browser (the headless app
 * serves the renderer and the API on one origin). Errors throw ApiClientError.
 */
export const send = async <K extends OperationName>(
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  try {
    return bridge() ? await viaIpc(name, input) : await viaHttp(name, input);
  } catch (e) {
    if (e instanceof ApiClientError && e.code === 'UNAUTHENTICATED' && name !== 'auth-login') {
      session.onUnauthenticated();
    }
    throw e;
  } finally {
    notifyChange(name);
  }
};

/** Whether the backend offers an operation (sync ops land later; screens check before calling). */
export const hasOperation = (name: string): name is OperationName =>
  Object.prototype.hasOwnProperty.call(operations, name);
