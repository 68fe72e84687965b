import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export type CliProcess = {
  /** The URL the process printed ("… running at URL"). */
  url: string;
  /** Everything printed so far (the start holds demo sign-ins and enrolment codes). */
  log: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop: () => Promise<void>;
};

/**
 * Starts `node bin/counterfoil.mjs <args>` and resolves once it prints "running at URL". Used
 * for the hub and for tills that follow it; the plain demo till has its own helper
 * (app-process.ts), which waits for the UI instead.
 */
export const startCli = (args: string[], timeoutMs = 180_000): Promise<CliProcess> => {
  const child = spawn(process.execPath, [resolve('bin/counterfoil.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test', NODE_NO_WARNINGS: '1' },
  });
  let head = '';
  let tail = '';
  const append = (text: string) => {
    if (head.length < 16_000) head += text;
    else tail = (tail + text).slice(-16_000);
  };
  const log = () => (tail ? `${head}\n…\n${tail}` : head);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`counterfoil ${args[0]} did not start in ${timeoutMs} ms:\n${log()}`));
    }, timeoutMs);
    let started = false;
    const onData = (b: Buffer) => {
      append(b.toString());
      const url = /running at (http:\/\/\S+)/.exec(head)?.[1];
      if (url && !started) {
        started = true;
        clearTimeout(timer);
        done({ url, log, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      if (started) return;
      clearTimeout(timer);
      fail(new Error(`counterfoil ${args[0]} exited before starting:\n${log()}`));
    });
  });
};
