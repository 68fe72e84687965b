// Processes behind scripts/screenshots.mjs: a demo hub with a stand-in SMS gateway, a till that
// follows it through a link that can be cut, and a small API caller for seeding.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const listen = (server) =>
  new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${server.address().port}`)),
  );

/** Accepts every SMS (docs/notifications.md contract) and remembers it. */
export const startSmsSink = async () => {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `shots-${received.length}` }));
    });
  });
  const url = `${await listen(server)}/sms`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
};

/** Forwards to `target` unless `cut` is set, when connections are dropped at once. */
export const startCuttableLink = async (target) => {
  const link = { cut: false, url: '' };
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    if (link.cut) return req.socket.destroy();
    const upstream = http.request(
      new URL(req.url, target),
      { method: req.method, headers: req.headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  link.url = await listen(server);
  link.setCut = (cut) => {
    link.cut = cut;
    // Keep-alive sockets opened before the cut would otherwise still get through.
    if (cut) for (const s of sockets) s.destroy();
  };
  link.close = () =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(r);
    });
  return link;
};

/** `node bin/counterfoil.mjs …` until it prints "running at URL". */
const startCli = (args) =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('bin/counterfoil.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => fail(new Error(`${args[0]} did not start:\n${log}`)), 180_000);
    const onData = (b) => {
      log += b;
      const url = /running at (http:\/\/\S+)/.exec(log)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        done({
          url,
          log,
          stop: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${args[0]} exited (${code}):\n${log}`));
    });
  });

const tempDir = (name) => mkdtempSync(join(tmpdir(), `counterfoil-shots-${name}-`));

/** The demo hub (PGlite in a temp dir) with the SMS sink and a 2-second notification tick. */
export const startHub = async (smsUrl) => {
  const dir = tempDir('hub');
  const proc = await startCli([
    'hub',
    '--data',
    dir,
    '--port',
    '0',
    '--demo',
    '--sms-url',
    smsUrl,
    '--notify-interval-seconds',
    '2',
  ]);
  const enrolment = (tillId) =>
    new RegExp(`enrolment code for till ${tillId} \\(store [^)]+\\): (\\S+)`).exec(proc.log)?.[1];
  return {
    url: proc.url,
    enrolment,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A till enrolled as `tillId`, syncing every second through `hubUrl`. */
export const startTill = async (hubUrl, code) => {
  const dir = tempDir('till');
  const proc = await startCli([
    'till',
    '--data',
    dir,
    '--port',
    '0',
    '--hub',
    hubUrl,
    '--enrol',
    code,
    '--sync-interval',
    '1000',
    '--hub-timeout',
    '10000',
  ]);
  return {
    url: proc.url,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Minimal API caller for seeding (the screens themselves are what is photographed). */
export const api =
  (base) =>
  async (method, path, token, body, type = 'application/json') => {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = type;
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body:
        body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return text.startsWith('{') ? JSON.parse(text) : text;
  };

/** Polls `check` every 500 ms until it answers true (errors count as not yet). */
export const waitUntil = async (what, check, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
};
