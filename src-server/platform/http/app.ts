import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OperationDef } from '#shared/api/define';
import { authorize, type BoundDispatch } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { createOpenApiDocument } from '#shared/api/openapi';
import { operations } from '#shared/api/operations';
import { anonymous, type Principal } from '#shared/api/roles';
import { API_PREFIX } from '#shared/api/routes';
import { MAX_CSV_BODY_BYTES, MAX_JSON_BODY_BYTES, bodyLimitFor } from './body-limits';
import { declaresBody } from './request-body';
import { readInput } from './request-input';
import { withSecurityHeaders } from './security-headers';
import { createStaticHandler } from './static-files';

export type HttpAppOptions = {
  dispatch: BoundDispatch;
  /** The principal behind a bearer token, or null when unknown or expired. */
  resolvePrincipal: (token: string) => Promise<Principal | null>;
  /** The built renderer (out/renderer); served with SPA fallback when given. */
  staticDir?: string;
  /** Shown by /health. */
  host?: 'till' | 'hub';
  version?: string;
  /** Largest CSV upload body; defaults to MAX_CSV_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Largest JSON body of an ordinary operation; defaults to MAX_JSON_BODY_BYTES. */
  maxJsonBodyBytes?: number;
  onInternalError?: (error: unknown) => void;
};

const table: Record<string, OperationDef> = operations;

/** Refusals that come before the body is read. */
const unreadBodyStatuses = new Set([401, 403, 413]);

const errorResponse = (c: Context, error: ApiError): Response => {
  const response = c.json(error.toBody(), error.status as ContentfulStatusCode);
  if (error.code === 'UNAUTHENTICATED') response.headers.set('www-authenticate', 'Bearer');
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (error.code === 'RATE_LIMITED' && typeof retryAfter === 'number') {
    response.headers.set('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  }
  // Answering without reading a body leaves it on the socket: close the connection rather
  // than let the transport drain what an unauthorized caller sends.
  if (unreadBodyStatuses.has(error.status) && declaresBody(c.req.raw)) {
    response.headers.set('connection', 'close');
  }
  return response;
};

/** The socket's peer under @hono/node-server; absent when the app is called in-process. */
const clientAddressOf = (c: Context): string | undefined =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;

const bearerToken = (header: string | undefined): string | null | undefined => {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : null;
};

const isApiPath = (path: string): boolean =>
  path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);

/** Every operation under /api/v1 plus health, the OpenAPI document and (optionally) the UI. */
export const createHttpApp = (options: HttpAppOptions): Hono => {
  const app = new Hono();
  const openApi = createOpenApiDocument({ version: options.version });
  const limits = {
    csvBytes: options.maxBodyBytes ?? MAX_CSV_BODY_BYTES,
    jsonBytes: options.maxJsonBodyBytes ?? MAX_JSON_BODY_BYTES,
  };

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    (options.onInternalError ?? ((e: unknown) => console.error('[http]', e)))(error);
    return errorResponse(c, new ApiError('INTERNAL', 'the server failed unexpectedly'));
  });

  app.use('*', async (c, next) => {
    await next();
    const secured = withSecurityHeaders(c.res, isApiPath(c.req.path));
    if (secured !== c.res) c.res = secured;
  });

  app.get(`${API_PREFIX}/health`, (c) =>
    c.json({ ok: true, host: options.host ?? 'hub', version: options.version ?? null }),
  );
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openApi));

  /** The caller, checked before any body is read: 401 for a bad or missing token. */
  const authenticate = async (c: Context, open: boolean): Promise<Principal | null> => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === null && !open) {
      throw new ApiError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    }
    if (!token) return null;
    const principal = await options.resolvePrincipal(token);
    if (!principal && !open) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'the session token is invalid or has expired; sign in again',
      );
    }
    return principal;
  };

  for (const [name, op] of Object.entries(table)) {
    const bodyLimit = bodyLimitFor(name, op, limits);
    app.on(op.method, `${API_PREFIX}${op.path}`, async (c) => {
      const principal = await authenticate(c, op.roles.includes('any'));
      // The role too, so nobody can make the server read a body they may not send.
      authorize(name, op, principal ?? anonymous);
      const input = await readInput(c, op, bodyLimit);
      // The token lets sign-out revoke itself; the address keys sign-in throttling.
      const output = await options.dispatch(name, input, principal, {
        token: bearerToken(c.req.header('authorization')) ?? undefined,
        clientAddress: clientAddressOf(c),
      });
      if (op.response === 'csv') {
        const csv = (output as { csv?: unknown }).csv;
        return c.body(typeof csv === 'string' ? csv : '', 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${op.path.split('/').pop() ?? 'data.csv'}"`,
        });
      }
      return c.json(output as object);
    });
  }

  app.all(`${API_PREFIX}/*`, (c) => {
    throw new ApiError('NOT_FOUND', `no API route ${c.req.method} ${c.req.path}`, {
      method: c.req.method,
      path: c.req.path,
    });
  });

  if (options.staticDir) {
    const serveStatic = createStaticHandler(options.staticDir);
    app.get('*', async (c) => (await serveStatic(c.req.path)) ?? c.notFound());
  }
  return app;
};
