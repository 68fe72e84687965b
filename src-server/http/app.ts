import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OperationDef } from '../../src-shared/api/define';
import type { BoundDispatch } from '../../src-shared/api/dispatch';
import { ApiError } from '../../src-shared/api/errors';
import { createOpenApiDocument } from '../../src-shared/api/openapi';
import { operations } from '../../src-shared/api/operations';
import type { Principal } from '../../src-shared/api/roles';
import { API_PREFIX } from '../../src-shared/api/routes';
import { readInput } from './request-input';
import { createStaticHandler } from './static-files';

/** Large enough for a 1 M-row customer CSV (about 40–60 MB). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export type HttpAppOptions = {
  dispatch: BoundDispatch;
  /** The principal behind a bearer token, or null when unknown or expired. */
  resolvePrincipal: (token: string) => Promise<Principal | null>;
  /** The built renderer (out/renderer); served with SPA fallback when given. */
  staticDir?: string;
  /** Shown by /health. */
  host?: 'till' | 'hub';
  version?: string;
  /** Defaults to MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  onInternalError?: (error: unknown) => void;
};

const table: Record<string, OperationDef> = operations;

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;

const errorResponse = (c: Context, error: ApiError): Response => {
  const response = c.json(error.toBody(), error.status as ContentfulStatusCode);
  if (error.code === 'UNAUTHENTICATED') response.headers.set('www-authenticate', 'Bearer');
  return response;
};

const bearerToken = (header: string | undefined): string | null | undefined => {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : null;
};

/** Every operation under /api/v1 plus health, the OpenAPI document and (optionally) the UI. */
export const createHttpApp = (options: HttpAppOptions): Hono => {
  const app = new Hono();
  const openApi = createOpenApiDocument({ version: options.version });
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    (options.onInternalError ?? ((e: unknown) => console.error('[http]', e)))(error);
    return errorResponse(c, new ApiError('INTERNAL', 'the server failed unexpectedly'));
  });

  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          new ApiError(
            'INVALID_INPUT',
            `the request body is larger than ${sizeText(maxBodyBytes)}; split the file`,
          ).toBody(),
          413,
        ),
    }),
  );

  app.get(`${API_PREFIX}/health`, (c) =>
    c.json({ ok: true, host: options.host ?? 'hub', version: options.version ?? null }),
  );
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openApi));

  for (const [name, op] of Object.entries(table)) {
    app.on(op.method, `${API_PREFIX}${op.path}`, async (c) => {
      const open = op.roles.includes('any');
      const token = bearerToken(c.req.header('authorization'));
      let principal: Principal | null = null;
      if (token === null && !open) {
        throw new ApiError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
      }
      if (token) {
        principal = await options.resolvePrincipal(token);
        if (!principal && !open) {
          throw new ApiError(
            'UNAUTHENTICATED',
            'the session token is invalid or has expired; sign in again',
          );
        }
      }
      const input = await readInput(c, op);
      const output = await options.dispatch(name, input, principal);
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
