import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A free loopback port, chosen by the OS. */
export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });

export type AppProcess = {
  baseURL: string;
  dataDir: string;
  port: number;
  /** Everything the app printed, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
};

const waitReady = async (
  baseURL: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> => {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the app exited with ${child.exitCode} before it was ready:\n${log()}`);
    }
    try {
      const res = await fetch(`${baseURL}/`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer on ${baseURL} within 120 s:\n${log()}`);
};

/**
 * Starts `counterfoil till --demo` on a data directory and port; the same directory can be
 * started again after stop() to test a restart.
 */
export const startApp = async (
  opts: { dataDir?: string; port?: number } = {},
): Promise<AppProcess> => {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'counterfoil-e2e-'));
  const port = opts.port ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  // The start of the output holds the demo sign-ins; the end holds the latest errors.
  let head = '';
  let tail = '';
  const append = (text: string) => {
    if (head.length < 8000) head += text;
    else tail = (tail + text).slice(-8000);
  };
  const child = spawn(
    process.execPath,
    [resolve('bin/counterfoil.mjs'), 'till', '--data', dataDir, '--port', String(port), '--demo'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  );
  child.stdout?.on('data', (b: Buffer) => append(b.toString()));
  child.stderr?.on('data', (b: Buffer) => append(b.toString()));
  const log = () => (tail ? `${head}\n…\n${tail}` : head);
  await waitReady(baseURL, child, log);
  return {
    baseURL,
    dataDir,
    port,
    log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
