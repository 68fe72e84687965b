import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export type RunningServer = {
  url: string;
  port: number;
  close(): Promise<void>;
};

/** Serves a Hono app on a loopback (or given) interface; port 0 picks a free port. */
export const listen = (
  app: Hono,
  options: { port: number; hostname?: string },
): Promise<RunningServer> => {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolvePromise, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname },
      (info: AddressInfo) => {
        const host = hostname.includes(':') ? `[${hostname}]` : hostname;
        const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
        resolvePromise({
          url: `http://${shownHost}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Keep-alive sockets would otherwise hold close() open for seconds.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
};
