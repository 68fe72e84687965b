/**
 * A server as a child process that prints "running at URL" once it serves: the real hub
 * (`counterfoil hub --database-url … --port 0 [--workers N]`), so the sync and hub suites
 * measure HTTP, JSON and the hub's own event loops, or the hub suite's floor server.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { processTreeCpu } from './proc-cpu';

export { cpuOfPid } from './proc-cpu';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export type HubProcess = {
  url: string;
  pid: number;
  /** utime + stime of the process and its workers (node:cluster) so far, seconds. */
  cpuSeconds(): number;
  /** The process's recent output (for a failure report). */
  output(): string;
  stop(): Promise<void>;
};

export type HubProcessOptions = {
  /** node:cluster workers (`--workers N`); 1 serves in the process itself. */
  workers?: number;
  timeoutMs?: number;
};

export function startHubProcess(
  databaseUrl: string,
  options: HubProcessOptions = {},
): Promise<HubProcess> {
  const workers = options.workers ?? 1;
  return startServerProcess(
    [
      // BENCH_HUB_CPU_PROF=DIR profiles the hub too (written when it exits).
      ...(process.env['BENCH_HUB_CPU_PROF']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_HUB_CPU_PROF']}`]
        : []),
      '--max-old-space-size=4096',
      'bin/counterfoil.mjs',
      'hub',
      '--database-url',
      databaseUrl,
      '--port',
      '0',
      ...(workers > 1 ? ['--workers', String(workers)] : []),
    ],
    { timeoutMs: options.timeoutMs },
  );
}

/** Runs `node ARGS` in the repository and resolves once it prints "running at URL". */
export function startServerProcess(
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<HubProcess> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 100_000) output = output.slice(-50_000);
      const match = /running at (http:\/\/[^\s)]+)/.exec(output);
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        resolve({
          url: match[1] as string,
          pid: child.pid as number,
          cpuSeconds: () => processTreeCpu(child.pid as number),
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`${args.join(' ')} exited before starting:\n${output}`));
      }
    });
  });
}
