/**
 * The benchmark interface. A suite is one file in bench/suites exporting `suite`; run.ts finds
 * it by itself. `run(scale)` measures at `scale` × the full sizes (1 = the budgets' sizes,
 * 0.01 for --quick) and returns its results.
 */
export type BenchResult = {
  /** Stable dotted name, e.g. "codes.randomized.stream.codesPerSecond". */
  metric: string;
  value: number;
  unit: string;
  /** A peer measured in the same run on the same work, and its figure. */
  peer?: string;
  peerValue?: number;
  /** value / peerValue (so > 1 is better for throughput, < 1 is better for memory or time). */
  ratio?: number;
  /** The budget (docs/architecture.md, "Performance budgets"), in `unit`. */
  budget?: number;
  /** Whether higher or lower values are better (decides meetsBudget). */
  better?: 'higher' | 'lower';
  meetsBudget?: boolean;
  /** Anything a reader needs to interpret the figure (count, sizes). */
  detail?: Record<string, unknown>;
};

export type BenchSuite = {
  name: string;
  description: string;
  run(scale: number): Promise<BenchResult[]>;
};

type ResultInput = Omit<BenchResult, 'ratio' | 'meetsBudget'>;

/** Builds a result, filling ratio and meetsBudget from peerValue and budget. */
export function result(input: ResultInput): BenchResult {
  const out: BenchResult = { ...input, value: round(input.value) };
  if (input.peerValue !== undefined) {
    out.peerValue = round(input.peerValue);
    out.ratio = round(input.value / input.peerValue);
  }
  if (input.budget !== undefined) {
    const better = input.better ?? 'higher';
    out.better = better;
    out.meetsBudget =
      better === 'higher' ? input.value >= input.budget : input.value <= input.budget;
  }
  return out;
}

function round(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}
