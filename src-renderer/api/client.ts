import {
  operations,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '../../src-shared/api/operations';
import { ApiClientError, errorFromBody } from './api-error';
import { bridge } from './bridge';
import { buildHttpRequest } from './http-request';

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

const readBody = async (res: Response): Promise<unknown> => {
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (type.includes('json') || text.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
};

const viaHttp = async <K extends OperationName>(
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  const def = operations[name];
  const req = buildHttpRequest(def, input as Record<string, unknown>, session.token);
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
  } catch (e) {
    throw unreachable(e instanceof Error ? e.message : String(e));
  }
  const body = await readBody(res);
  if (!res.ok) {
    throw (
      errorFromBody(body, res.status) ??
      new ApiClientError(
        res.status >= 500 ? 'INTERNAL' : 'INVALID_INPUT',
        `The service answered ${res.status} ${res.statusText}`.trim(),
        typeof body === 'string' ? body.slice(0, 500) : body,
        res.status,
      )
    );
  }
  if ('response' in def && def.response === 'csv') {
    return { csv: typeof body === 'string' ? body : JSON.stringify(body) } as OpOutput<K>;
  }
  return body as OpOutput<K>;
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
  }
};

/** Whether the backend offers an operation (sync ops land later; screens check before calling). */
export const hasOperation = (name: string): name is OperationName =>
  Object.prototype.hasOwnProperty.call(operations, name);
