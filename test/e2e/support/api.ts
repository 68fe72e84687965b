import { randomUUID } from 'node:crypto';
import {
  operations,
  type OperationName,
  type OpInput,
  type OpOutput,
} from '#shared/api/operations';

/** Demo users: one per role (README). */
const demoUsernames = {
  cashier: 'cashier',
  store_manager: 'manager',
  back_office: 'backoffice',
  admin: 'admin',
} as const;
const readmePasswords = {
  cashier: 'cashier123!',
  store_manager: 'manager123!',
  back_office: 'backoffice123!',
  admin: 'admin123!',
} as const;
export type DemoRole = keyof typeof demoUsernames;
export type Credentials = { username: string; password: string };

/**
 * The demo sign-in for a role. The app prints its demo password at start; that wins over the
 * README's per-role passwords, so the tests follow whatever the running build created.
 */
export const demoCredentials = (role: DemoRole, appLog: string): Credentials => {
  const username = demoUsernames[role];
  // "demo sign-ins: cashier / cashier123!, manager / …" or "(password "x")" for all.
  const pair = new RegExp(`\\b${username} / (\\S+?)(?:,|\\s|$)`).exec(appLog)?.[1];
  const shared = /password "([^"]+)"/.exec(appLog)?.[1];
  return { username, password: pair ?? shared ?? readmePasswords[role] };
};

/**
 * Calls the app's HTTP API as the server mounts each operation (path params cut out; GET as
 * query, csv bodies as text, the rest as JSON), to set data up quickly. The flow under test
 * itself always goes through the screens.
 */
export const callApi = async <K extends OperationName>(
  baseURL: string,
  token: string | null,
  name: K,
  input: OpInput<K>,
): Promise<OpOutput<K>> => {
  const def = operations[name];
  const rest: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const path = def.path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = encodeURIComponent(String(rest[key]));
    delete rest[key];
    return value;
  });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const query = new URLSearchParams();
  let body: string | undefined;
  if (def.method === 'GET') {
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) query.append(k, String(v));
  } else if ('body' in def && def.body === 'csv') {
    body = String(rest.csv ?? '');
    delete rest.csv;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) query.append(k, String(v));
    headers['content-type'] = 'text/csv';
  } else {
    body = JSON.stringify(rest);
    headers['content-type'] = 'application/json';
  }
  const qs = query.toString();
  const res = await fetch(`${baseURL}/api/v1${path}${qs ? `?${qs}` : ''}`, {
    method: def.method,
    headers,
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${name} answered ${res.status}: ${text}`);
  if ('response' in def && def.response === 'csv') return { csv: text } as OpOutput<K>;
  return JSON.parse(text) as OpOutput<K>;
};

export const apiToken = async (baseURL: string, credentials: Credentials): Promise<string> =>
  (await callApi(baseURL, null, 'auth-login', credentials)).token;

/** A short unique suffix so tests sharing one app never collide. */
export const unique = (): string => randomUUID().slice(0, 8).toUpperCase();
