/**
 * `npm run bench [-- --quick | --scale 0.1] [--only NAME]`
 *
 * Finds every suite in bench/suites, runs each in its own Node process (so one suite's memory
 * cannot skew another's RSS figures), prints one JSON line per result and merges the results
 * into bench/results.json. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { summarize, type SuiteOutcome } from './summary';
import type { BenchResult, BenchSuite } from './types';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
/** Child processes print result lines with this prefix; everything else is passed through. */
const RESULT_PREFIX = '@@bench ';

type StoredResult = BenchResult & { suite: string; scale: number; at: string };
type ResultsFile = { machine: Record<string, unknown>; results: StoredResult[] };

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    scale: { type: 'string' },
    only: { type: 'string' },
    child: { type: 'string' },
  },
  strict: true,
});

const scale = flags.quick === true ? 0.01 : flags.scale !== undefined ? Number(flags.scale) : 1;
if (!(scale > 0 && scale <= 10)) {
  process.stderr.write(`--scale must be a number in (0, 10], got ${flags.scale}\n`);
  process.exit(2);
}

async function loadSuite(file: string): Promise<BenchSuite> {
  const mod = (await import(pathToFileURL(`${suitesDir}${file}`).href)) as { suite?: BenchSuite };
  if (mod.suite === undefined) throw new Error(`bench/suites/${file} does not export \`suite\`.`);
  return mod.suite;
}

/** Child mode: run one suite and print its results for the parent. */
async function runChild(file: string): Promise<void> {
  const suite = await loadSuite(file);
  for (const r of await suite.run(scale))
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(r)}\n`);
}

/** Runs one suite in a child process; never rejects, so a crash is reported with what it measured. */
function runInChild(file: string, name: string): Promise<SuiteOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=8192',
        '--import',
        'tsx',
        `${benchDir}run.ts`,
        '--child',
        file,
        '--scale',
        String(scale),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const results: BenchResult[] = [];
    let pending = '';
    let error: string | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX))
          results.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
        else process.stderr.write(`${line}\n`);
      }
    });
    child.on('error', (e) => {
      error = e.message;
    });
    child.on('close', (code, signal) => {
      if (signal !== null) error ??= `killed by ${signal}`;
      resolve({ name, exitCode: code, results, ...(error === undefined ? {} : { error }) });
    });
  });
}

async function readResults(): Promise<ResultsFile | null> {
  try {
    return JSON.parse(await readFile(resultsFile, 'utf8')) as ResultsFile;
  } catch {
    return null;
  }
}

async function runAll(): Promise<void> {
  const files = (await readdir(suitesDir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  const selected = [];
  for (const file of files) {
    const suite = await loadSuite(file);
    if (flags.only === undefined || suite.name.includes(flags.only)) selected.push({ file, suite });
  }
  if (selected.length === 0) throw new Error(`No suite matches --only ${flags.only}.`);
  const fresh: StoredResult[] = [];
  const outcomes: SuiteOutcome[] = [];
  // Other work on the machine stretches wall-clock figures; record how busy it was.
  const loadBefore = loadavg()[0];
  for (const { file, suite } of selected) {
    process.stderr.write(`# ${suite.name}: ${suite.description} (scale ${scale})\n`);
    const outcome = await runInChild(file, suite.name);
    outcomes.push(outcome);
    for (const r of outcome.results) {
      // Budgets are set for the full sizes; a scaled-down run mostly measures warm-up.
      if (scale < 1) delete r.meetsBudget;
      const stored = { ...r, suite: suite.name, scale, at: new Date().toISOString() };
      process.stdout.write(`${JSON.stringify(stored)}\n`);
      fresh.push(stored);
    }
    if (outcome.exitCode !== 0 || outcome.results.length === 0)
      process.stderr.write(
        `# ${suite.name} failed: ${outcome.error ?? `exit code ${outcome.exitCode}`}, ${outcome.results.length} results\n`,
      );
  }
  const previous = (await readResults())?.results ?? [];
  // Merge: a suite that completed replaces all its metrics (so a renamed metric does not linger
  // and read as "not measured" forever); a failed suite keeps its last figures beside what it
  // did measure, and the others' results are kept as they were.
  const completed = new Set(
    outcomes.filter((o) => o.exitCode === 0 && o.results.length > 0).map((o) => o.name),
  );
  const key = (r: BenchResult) => `${r.metric}|${r.peer ?? ''}`;
  const freshKeys = new Set(fresh.map(key));
  const kept = previous.filter((r) => !completed.has(r.suite) && !freshKeys.has(key(r)));
  const file: ResultsFile = {
    machine: {
      loadAverage1m: { before: loadBefore, after: loadavg()[0] },
      contended: Math.max(loadBefore ?? 0, loadavg()[0] ?? 0) > cpus().length,
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
    },
    results: [...kept, ...fresh],
  };
  await writeFile(resultsFile, `${JSON.stringify(file, null, 2)}\n`);
  const loadAfter = loadavg()[0] ?? 0;
  // More runnable work than cores means wall-clock rates measure the neighbours as much as us;
  // suites report CPU-second rates in `detail` for that case.
  const contended =
    Math.max(loadBefore ?? 0, loadAfter) > cpus().length
      ? ` (machine contended: load ${Math.round(Math.max(loadBefore ?? 0, loadAfter))} on ${cpus().length} CPUs; see detail.codesPerCpuSecond)`
      : '';
  const summary = summarize({ scale, outcomes, previous, contendedNote: contended });
  process.stderr.write(`# ${fresh.length} results → bench/results.json; ${summary.verdict}\n`);
  process.exitCode = summary.exitCode;
}

if (flags.child !== undefined) await runChild(flags.child);
else await runAll();
