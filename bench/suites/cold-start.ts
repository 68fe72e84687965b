import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemplate, TEMPLATES_ENV } from '#server/platform/db/pglite-template';
import { migrations } from '#shared/sql/migrations/index';
import { result, type BenchResult, type BenchSuite } from '../types';
import { startServerProcess } from '../workers/hub-process';
import { percentiles, r3 } from '../workers/stats';

const HUB_BUDGET_S = 3;
const RUNS = 3;

/** Wall seconds to "running at", and the CPU seconds the process (all threads) spent on it. */
type Start = { seconds: number; cpuSeconds: number };

/** `node bin/counterfoil.mjs ARGS` from spawn to "running at", then stopped. */
async function timeStart(args: string[], env: Record<string, string>): Promise<Start> {
  const started = process.hrtime.bigint();
  const server = await startServerProcess(['bin/counterfoil.mjs', ...args], { env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = server.cpuSeconds();
  await server.stop();
  return { seconds, cpuSeconds };
}

/** The launcher alone: node, tsx and the CLI's modules, `--help` and exit. */
async function timeLauncher(): Promise<number> {
  const { spawnSync } = await import('node:child_process');
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['bin/counterfoil.mjs', 'hub', '--help'], {
    stdio: 'ignore',
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]): number => percentiles(xs).p50;

/**
 * Start-up to "running at" of `counterfoil hub --demo` (embedded PGlite, a new data folder
 * each time) and of `counterfoil till --demo`: with the migrated template already made (the
 * usual case: every start after a machine's first), on a machine's very first start (the
 * template is made then), and as before templates (initdb + every migration: the peer).
 * Medians of RUNS starts; the launcher's own start (node + tsx + the CLI, `--help`) is the
 * floor nothing can go below.
 */
export const suite: BenchSuite = {
  name: 'cold-start',
  description: 'hub and till start-up with --demo on a new PGlite data folder',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'cf-bench-cold-'));
    try {
      const templates = join(dir, 'templates');
      let n = 0;
      const newDir = () => join(dir, `data-${n++}`);
      const hub = (env: Record<string, string>) =>
        timeStart(['hub', '--demo', '--data', newDir(), '--port', '0'], env);
      const till = (env: Record<string, string>) =>
        timeStart(['till', '--demo', '--data', newDir(), '--port', '0'], env);
      const launcher: number[] = [];
      for (let i = 0; i < RUNS; i++) launcher.push(await timeLauncher());

      const load0 = loadavg()[0] ?? 0;
      const first = await hub({ [TEMPLATES_ENV]: templates });
      await ensureTemplate(migrations, templates);
      const series = async (start: typeof hub, env: Record<string, string>) => {
        const runs: Start[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await start(env));
        return runs;
      };
      const hubWarm = await series(hub, { [TEMPLATES_ENV]: templates });
      const hubInitdb = await series(hub, { [TEMPLATES_ENV]: 'off' });
      const tillWarm = await series(till, { [TEMPLATES_ENV]: templates });
      const tillInitdb = await series(till, { [TEMPLATES_ENV]: 'off' });
      const load = [r3(load0), r3(loadavg()[0] ?? 0)];
      const wall = (runs: Start[]) => median(runs.map((r) => r.seconds));
      const cpu = (runs: Start[]) => median(runs.map((r) => r.cpuSeconds));
      // On a busy machine wall time measures the neighbours too; CPU seconds stay comparable.
      const detail = (runs: Start[], peer: Start[]) => ({
        runs: runs.map((r) => r3(r.seconds)),
        cpuSeconds: r3(cpu(runs)),
        peerRuns: peer.map((r) => r3(r.seconds)),
        peerCpuSeconds: r3(cpu(peer)),
        launcherSeconds: r3(median(launcher)),
        load1m: load,
      });
      const peer = 'initdb + every migration (no template)';
      const results: BenchResult[] = [
        result({
          metric: 'coldStart.hub.demo.seconds',
          value: wall(hubWarm),
          unit: 's',
          peer,
          peerValue: wall(hubInitdb),
          budget: HUB_BUDGET_S,
          better: 'lower',
          detail: detail(hubWarm, hubInitdb),
        }),
        result({
          metric: 'coldStart.hub.demo.firstOnMachine.seconds',
          value: first.seconds,
          unit: 's',
          peer,
          peerValue: wall(hubInitdb),
          better: 'lower',
          detail: {
            ...detail([first], hubInitdb),
            note: 'makes the template, then starts from it',
          },
        }),
        result({
          metric: 'coldStart.till.demo.seconds',
          value: wall(tillWarm),
          unit: 's',
          peer,
          peerValue: wall(tillInitdb),
          better: 'lower',
          detail: detail(tillWarm, tillInitdb),
        }),
        result({
          metric: 'coldStart.launcher.seconds',
          value: median(launcher),
          unit: 's',
          better: 'lower',
          detail: { runs: launcher.map(r3), what: 'node + tsx + the CLI: counterfoil hub --help' },
        }),
      ];
      return results;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
