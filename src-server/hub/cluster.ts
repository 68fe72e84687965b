import cluster, { type Worker } from 'node:cluster';

/**
 * `counterfoil hub --workers N`: N hub processes (node:cluster) sharing one port and one
 * PostgreSQL database. Nothing a request or a background job relies on lives in a process
 * (docs/deploy.md), so the workers need no coordination beyond the database; the primary only
 * does the start-up work once, forks them, and replaces one that dies.
 */
const WORKER_ENV = 'COUNTERFOIL_HUB_WORKER';

type Ready = { type: 'counterfoil-hub-ready'; url: string };

const isReady = (m: unknown): m is Ready =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'counterfoil-hub-ready';

/** Whether this process is a worker forked by runWorkers (it serves; the primary prepared). */
export const isHubWorker = (): boolean => cluster.isWorker && process.env[WORKER_ENV] === '1';

/** The worker's number, for its log lines. */
export const workerLabel = (): string => `worker ${cluster.worker?.id ?? '?'}`;

/** A worker tells the primary it listens at url. */
export function reportReady(url: string): void {
  const ready: Ready = { type: 'counterfoil-hub-ready', url };
  process.send?.(ready);
}

export type RunningWorkers = {
  url: string;
  /** SIGTERM to every worker; resolves once all have exited. */
  stop(): Promise<void>;
};

/**
 * Forks `count` workers and resolves once each listens. A worker that exits before it is ready
 * fails the start (its own error line is already printed); one that exits later is replaced.
 */
export function runWorkers(count: number, log: (line: string) => void): Promise<RunningWorkers> {
  let stopping = false;
  let started = false;
  const live = new Set<Worker>();
  const fork = (): Worker => {
    const worker = cluster.fork({ [WORKER_ENV]: '1' });
    live.add(worker);
    return worker;
  };
  return new Promise((resolve, reject) => {
    let ready = 0;
    let url = '';
    const stop = async (): Promise<void> => {
      stopping = true;
      const exits = [...live].map(
        (w) => new Promise<void>((done) => (w.isDead() ? done() : w.once('exit', () => done()))),
      );
      for (const w of live) if (!w.isDead()) w.process.kill('SIGTERM');
      await Promise.all(exits);
    };
    cluster.on('message', (_worker, message: unknown) => {
      if (!isReady(message) || started) return;
      url = message.url;
      ready += 1;
      if (ready === count) {
        started = true;
        resolve({ url, stop });
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      live.delete(worker);
      if (stopping) return;
      const why = signal ?? `code ${String(code)}`;
      if (!started) {
        stopping = true;
        void stop().then(() =>
          reject(new Error(`a hub worker stopped while starting (${why}); see its line above`)),
        );
        return;
      }
      log(`hub worker ${worker.id} exited (${why}); starting another`);
      // Not at once: a worker that cannot start (database gone) would otherwise spin.
      setTimeout(() => {
        if (!stopping) fork();
      }, 1000);
    });
    for (let i = 0; i < count; i++) fork();
  });
}
