/** Small measuring helpers shared by suites. */

export const MB = 1024 * 1024;

/** Current resident set size in MiB. */
export function rssMB(): number {
  return process.memoryUsage.rss() / MB;
}

/** The process's peak resident set size so far, in MiB (monotonic; use in a fresh process). */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Tracks the highest RSS seen while a step runs; call sample() from the step's loop (e.g. per
 * chunk). Gives a per-step peak even when an earlier step pushed the process peak higher.
 */
export function rssTracker(): { sample(): void; readonly peakMB: number } {
  let peak = rssMB();
  return {
    sample() {
      const now = rssMB();
      if (now > peak) peak = now;
    },
    get peakMB() {
      return peak;
    },
  };
}

/**
 * Runs fn and returns its result with the elapsed (wall) seconds and the CPU seconds the
 * process spent meanwhile (all threads). On a shared machine wall time stretches with other
 * load; per-CPU-second rates stay comparable between runs.
 */
export async function timed<T>(
  fn: () => T | Promise<T>,
): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Asks V8 for a full collection when node runs with --expose-gc, so baselines are clean. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
