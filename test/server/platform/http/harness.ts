import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import type { HandlerContext } from '#shared/api/handlers';
import type { OperationName } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { createHttpApp, type HttpAppOptions } from '#server/platform/http/app';
import { listen, type RunningServer } from '#server/platform/http/listen';
import { devicePrincipal } from '../../../shared/api/callers';
import { fixedNow, unusedSql, userPrincipal } from '../../../shared/api/context';
import { createRecordingHandlers, type RecordedCall } from '../../../shared/api/fake-handlers';

export const tokens: Record<string, Principal> = {
  'tok-admin': userPrincipal('admin'),
  'tok-cashier': userPrincipal('cashier', ['store-1']),
  'tok-back-office': userPrincipal('back_office'),
  'tok-device': devicePrincipal,
};

export type Harness = { server: RunningServer; calls: RecordedCall[]; internalErrors: unknown[] };

/** The real dispatcher and HTTP app over recording handlers, on a loopback port. */
export const startHarness = async (
  overrides: Partial<Record<OperationName, (input: unknown, ctx: HandlerContext) => unknown>> = {},
  options: Partial<HttpAppOptions> = {},
): Promise<Harness> => {
  const { handlers, calls } = createRecordingHandlers(overrides);
  const internalErrors: unknown[] = [];
  const dispatch = bindDispatch(
    createDispatcher(handlers, { onInternalError: (error) => internalErrors.push(error) }),
    { sql: unusedSql, now: () => fixedNow, host: 'hub' },
  );
  const app = createHttpApp({
    dispatch,
    resolvePrincipal: async (token) => tokens[token] ?? null,
    host: 'hub',
    version: 'test',
    ...options,
  });
  const server = await listen(app, { port: 0 });
  return { server, calls, internalErrors };
};

export const request = async (
  server: RunningServer,
  method: string,
  path: string,
  init: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> => {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${server.url}${path}`, { method, headers, body: init.body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};
