/**
 * The verdict line of a bench run, as a pure function so it can be tested without running
 * suites. It must never say "all budgets met" unless every budget it could judge was measured
 * in this run and met: a suite that crashed or printed nothing used to read as a pass.
 */
import type { BenchResult } from './types';

export type SuiteOutcome = {
  name: string;
  /** The child process's exit code; null when it was killed by a signal or never started. */
  exitCode: number | null;
  /** Why it failed (spawn error, signal), when known. */
  error?: string;
  results: BenchResult[];
};

export type SummaryInput = {
  scale: number;
  outcomes: SuiteOutcome[];
  /**
   * Results a previous run stored for the same suites. A budgeted metric found there but not
   * in this run is "not measured": the suite stopped early or lost a measurement.
   */
  previous: Array<BenchResult & { suite: string }>;
  /** Appended to a budget miss, e.g. a note that the machine was contended. */
  contendedNote?: string;
};

export type Summary = {
  /** Suites that exited non-zero or produced no result. */
  failedSuites: string[];
  /** Budgeted metrics expected from a selected suite but absent from this run. */
  notMeasured: string[];
  /** Metrics measured against a budget and missing it (only judged at scale >= 1). */
  missed: string[];
  /** How many budgeted results were judged and met. */
  met: number;
  verdict: string;
  /** The process's exit code: non-zero when a suite failed or an expected metric is missing. */
  exitCode: 0 | 1;
};

export function summarize(input: SummaryInput): Summary {
  const failedSuites = input.outcomes
    .filter((o) => o.exitCode !== 0 || o.results.length === 0)
    .map((o) => {
      if (o.exitCode !== 0) {
        const why = o.error ?? `exit code ${o.exitCode ?? 'none'}`;
        return `${o.name} (${why}, ${o.results.length} results)`;
      }
      return `${o.name} (no results)`;
    });

  const selected = new Set(input.outcomes.map((o) => o.name));
  const measured = new Set(input.outcomes.flatMap((o) => o.results.map((r) => r.metric)));
  const notMeasured = [
    ...new Set(
      input.previous
        .filter((r) => selected.has(r.suite) && r.budget !== undefined && !measured.has(r.metric))
        .map((r) => r.metric),
    ),
  ].sort();

  const judged = input.scale >= 1;
  const fresh = input.outcomes.flatMap((o) => o.results);
  const budgeted = fresh.filter((r) => r.budget !== undefined);
  const missed = judged
    ? [...new Set(budgeted.filter((r) => r.meetsBudget !== true).map((r) => r.metric))]
    : [];
  const met = judged ? budgeted.filter((r) => r.meetsBudget === true).length : 0;

  const problems: string[] = [];
  if (failedSuites.length > 0) problems.push(`suite failed: ${failedSuites.join(', ')}`);
  if (notMeasured.length > 0) problems.push(`not measured: ${notMeasured.join(', ')}`);
  if (missed.length > 0)
    problems.push(`budget missed: ${missed.join(', ')}${input.contendedNote ?? ''}`);

  let verdict: string;
  if (!judged) {
    problems.push('budgets not judged below scale 1');
    verdict = problems.join('; ');
  } else if (problems.length > 0) {
    verdict = problems.join('; ');
  } else if (met === 0) {
    // Nothing with a budget ran: saying "met" would claim a measurement that did not happen.
    verdict = 'no budgets judged';
  } else {
    verdict = `all budgets met (${met} judged)`;
  }
  const exitCode = failedSuites.length > 0 || notMeasured.length > 0 ? 1 : 0;
  return { failedSuites, notMeasured, missed, met, verdict, exitCode };
}
