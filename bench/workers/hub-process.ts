/**
 * The real hub as a child process (`counterfoil hub --database-url … --port 0`), so the sync
 * suite measures HTTP, JSON and the hub's own event loop, with the till in the bench process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export type HubProcess = {
  url: string;
  pid: number;
  /** utime + stime of the hub process so far, seconds. */
  cpuSeconds(): number;
  /** The hub's recent output (for a failure report). */
  output(): string;
  stop(): Promise<void>;
};

export function cpuOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

export function startHubProcess(databaseUrl: string, timeoutMs = 120_000): Promise<HubProcess> {
  const child = spawn(
    process.execPath,
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
    ],
    {
      cwd: repo,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 100_000) output = output.slice(-50_000);
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        resolve({
          url: match[1] as string,
          pid: child.pid as number,
          cpuSeconds: () => cpuOfPid(child.pid as number),
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
        reject(new Error(`the hub exited before starting:\n${output}`));
      }
    });
  });
}
