import { describe, expect, it } from 'vitest';
import { summarize, type SuiteOutcome } from '../../bench/summary';
import { result, type BenchResult } from '../../bench/types';

const met = (metric: string): BenchResult =>
  result({ metric, value: 20, unit: 'x/s', budget: 10, better: 'higher' });
const missed = (metric: string): BenchResult =>
  result({ metric, value: 5, unit: 'x/s', budget: 10, better: 'higher' });
const unbudgeted = (metric: string): BenchResult => result({ metric, value: 1, unit: 'x' });

const ok = (name: string, results: BenchResult[]): SuiteOutcome => ({
  name,
  exitCode: 0,
  results,
});

describe('bench summary', () => {
  it('says all budgets met only when every budgeted result was measured and met', () => {
    const s = summarize({
      scale: 1,
      outcomes: [ok('codes', [met('codes.a'), unbudgeted('codes.b')]), ok('sync', [met('sync.a')])],
      previous: [{ ...met('codes.a'), suite: 'codes' }],
    });
    expect(s.verdict).toBe('all budgets met (2 judged)');
    expect(s.exitCode).toBe(0);
  });

  it('reports a suite that exited non-zero with no results as failed, never as met', () => {
    const s = summarize({
      scale: 1,
      outcomes: [ok('codes', [met('codes.a')]), { name: 'sync', exitCode: 1, results: [] }],
      previous: [],
    });
    expect(s.failedSuites).toEqual(['sync (exit code 1, 0 results)']);
    expect(s.verdict).toContain('suite failed: sync');
    expect(s.verdict).not.toContain('all budgets met');
    expect(s.exitCode).toBe(1);
  });

  it('reports a suite that exited 0 but printed nothing as failed', () => {
    const s = summarize({ scale: 1, outcomes: [ok('sync', [])], previous: [] });
    expect(s.failedSuites).toEqual(['sync (no results)']);
    expect(s.verdict).not.toContain('all budgets met');
    expect(s.exitCode).toBe(1);
  });

  it('reports a suite killed by a signal with the results it produced before dying', () => {
    const s = summarize({
      scale: 1,
      outcomes: [
        { name: 'upload', exitCode: null, error: 'killed by SIGKILL', results: [met('u.a')] },
      ],
      previous: [],
    });
    expect(s.failedSuites).toEqual(['upload (killed by SIGKILL, 1 results)']);
    expect(s.exitCode).toBe(1);
  });

  it('names budgeted metrics a selected suite measured before but not in this run', () => {
    const s = summarize({
      scale: 1,
      outcomes: [ok('till', [met('till.validate.p99Ms')])],
      previous: [
        { ...met('till.validate.p99Ms'), suite: 'till' },
        { ...met('till.redeem.p99Ms'), suite: 'till' },
        // Unbudgeted and unselected suites' metrics are not expected.
        { ...unbudgeted('till.redeem.p50Ms'), suite: 'till' },
        { ...met('sync.push.seconds'), suite: 'sync' },
      ],
    });
    expect(s.notMeasured).toEqual(['till.redeem.p99Ms']);
    expect(s.verdict).toBe('not measured: till.redeem.p99Ms');
    expect(s.exitCode).toBe(1);
  });

  it('lists missed budgets with the contention note and keeps exit 0 for misses alone', () => {
    const s = summarize({
      scale: 1,
      outcomes: [ok('codes', [missed('codes.a'), met('codes.b')])],
      previous: [],
      contendedNote: ' (machine contended)',
    });
    expect(s.missed).toEqual(['codes.a']);
    expect(s.verdict).toBe('budget missed: codes.a (machine contended)');
    expect(s.exitCode).toBe(0);
  });

  it('does not claim budgets were met when no budgeted result ran', () => {
    const s = summarize({
      scale: 1,
      outcomes: [ok('codes', [unbudgeted('codes.x')])],
      previous: [],
    });
    expect(s.verdict).toBe('no budgets judged');
  });

  it('below scale 1 judges no budget but still reports failures', () => {
    const quiet = summarize({
      scale: 0.1,
      outcomes: [ok('codes', [missed('codes.a')])],
      previous: [],
    });
    expect(quiet.verdict).toBe('budgets not judged below scale 1');
    expect(quiet.exitCode).toBe(0);
    const broken = summarize({
      scale: 0.1,
      outcomes: [{ name: 'sync', exitCode: 2, results: [] }],
      previous: [],
    });
    expect(broken.verdict).toBe(
      'suite failed: sync (exit code 2, 0 results); budgets not judged below scale 1',
    );
    expect(broken.exitCode).toBe(1);
  });
});
