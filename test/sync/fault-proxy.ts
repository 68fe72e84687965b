/**
 * A fault-injecting HTTP proxy for sync tests, one between each till and the hub. Faults are
 * switched at run time:
 *  - cut:          the connection is destroyed at once (the till sees a network error);
 *  - delayMs:      each request waits this long before it is forwarded;
 *  - duplicate:    each forwarded request is sent to the hub a second time, concurrently;
 *  - dropResponse: the hub gets the request and answers, but the till never hears back;
 *  - replay():     recorded requests are sent to the hub again later, newest first
 *                  (reordering: old pushes arrive after newer ones).
 * `onRequest` lets a test act at the moment a request passes (e.g. SIGKILL a process mid-push).
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Faults = {
  cut: boolean;
  delayMs: number;
  duplicate: boolean;
  dropResponse: boolean;
};

export type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer };

export type FaultProxy = {
  readonly url: string;
  faults: Faults;
  target: string;
  /** Every request that reached the hub through this proxy (replays and duplicates excluded). */
  readonly recorded: Recorded[];
  /** Called when a request has been read, before it is forwarded. */
  onRequest: ((r: Recorded) => void) | null;
  /** Requests forwarded and not yet answered. */
  inFlight(): number;
  /** Sends recorded requests matching `path` to the hub again, newest first; answers statuses. */
  replay(pathPrefix: string): Promise<number[]>;
  close(): Promise<void>;
};

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'content-length',
]);

const forward = (
  target: string,
  r: Recorded,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const url = new URL(r.path, target);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) {
      if (!hopByHop.has(k) && typeof v === 'string') headers[k] = v;
    }
    headers['content-length'] = String(r.body.length);
    const req = http.request(url, { method: r.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 502,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let inFlight = 0;
  const sockets = new Set<import('node:net').Socket>();
  const proxy: FaultProxy = {
    url: '',
    target,
    faults: { cut: false, delayMs: 0, duplicate: false, dropResponse: false },
    recorded: [],
    onRequest: null,
    inFlight: () => inFlight,
    async replay(pathPrefix) {
      const picked = proxy.recorded.filter((r) => r.path.startsWith(pathPrefix)).reverse();
      const statuses: number[] = [];
      for (const r of picked) {
        try {
          statuses.push((await forward(proxy.target, r)).status);
        } catch {
          statuses.push(0);
        }
      }
      return statuses;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (proxy.faults.cut) {
          req.socket.destroy();
          return;
        }
        const r: Recorded = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        proxy.onRequest?.(r);
        if (proxy.faults.delayMs > 0) await new Promise((d) => setTimeout(d, proxy.faults.delayMs));
        if (proxy.faults.cut) {
          req.socket.destroy();
          return;
        }
        proxy.recorded.push(r);
        inFlight += 1;
        try {
          const copies = proxy.faults.duplicate
            ? [forward(proxy.target, r), forward(proxy.target, r)]
            : [forward(proxy.target, r)];
          const [first] = await Promise.allSettled(copies);
          if (
            proxy.faults.dropResponse ||
            proxy.faults.cut ||
            !first ||
            first.status === 'rejected'
          ) {
            req.socket.destroy();
            return;
          }
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(first.value.headers)) {
            if (!hopByHop.has(k) && typeof v === 'string') headers[k] = v;
          }
          res.writeHead(first.value.status, headers);
          res.end(first.value.body);
        } finally {
          inFlight -= 1;
        }
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (proxy as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
