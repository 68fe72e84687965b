/** Latency and CPU helpers for the database suites. */

/** Percentiles (nearest rank) of samples in milliseconds. */
export function percentiles(samples: readonly number[]): {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  count: number;
} {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number): number =>
    sorted.length === 0
      ? NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), count: sorted.length };
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** CPU seconds of this process (all threads) since `before` (a process.cpuUsage()). */
export function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** Rounds for JSON details (3 significant places below 100). */
export const r3 = (value: number): number =>
  !Number.isFinite(value)
    ? value
    : Math.abs(value) >= 100
      ? Math.round(value)
      : Math.round(value * 1000) / 1000;

/** Writes a progress note to stderr (stdout is for results). */
export const note = (suite: string, text: string): void => {
  process.stderr.write(`  [${suite}] ${text}\n`);
};
