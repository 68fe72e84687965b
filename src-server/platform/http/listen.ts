import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export type RunningServer = {
  url: string;
  port: number;
  close(): Promise<void>;
};

/** How long a closing connection keeps reading (and discarding) what its client still sends. */
const LINGER_MS = 2_000;

/**
 * Lingering close. Node ends a `Connection: close` answer by closing the socket outright; when
 * the client is still sending a body the server refused (413, 401), the unread bytes make the
 * kernel reset the connection, and a reset throws away the answer the client has not read yet.
 * So the server sends its FIN, keeps discarding what arrives until the client closes too (or
 * LINGER_MS passes), and only then lets go, the way nginx's lingering_close does.
 */
const lingerOnClose = (socket: Socket): void => {
  socket.destroySoon = function lingeringDestroySoon(this: Socket) {
    if (this.destroyed) return;
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
    this.on('data', () => undefined);
    this.resume();
    if (this.writable) this.end();
  };
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
    server.on('connection', lingerOnClose);
    server.once('error', reject);
  });
};
