import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  analyzeSample,
  checkUniqueCodeRequest,
  createRandomizedSeries,
  createUniqueCodeGenerator,
  deriveFixedPart,
  randomBytes,
  type CharsetKind,
} from '../../../src-shared/codes';
import { openSink } from '../byte-sink';
import { streamRandomizedSeries, streamUniqueCodes } from '../code-stream';
import { UsageError, type Command } from '#server/platform/cli-command';

const USAGE = `Usage: counterfoil codes generate --type unique|randomized --count N --out FILE|- [options]

Streams codes, one per line, to FILE (or stdout with --out -), then prints a JSON summary
{count, seconds, codesPerSecond, rssMB} to stdout (to stderr when the codes go to stdout).

  --type unique        random codes, distinct within the run
      --length L           random characters (default 10)
      --charset C          alnum (default) | numeric | custom
      --custom-charset S   the alphabet for --charset custom, e.g. ABCDEFGHJKLMNPQRSTUVWXYZ23456789
      --prefix P, --suffix S
  --type randomized    a randomized common series (keyed permutation)
      --sample S           5-10 characters; sets length and numeric/alphanumeric
      --count all          the whole series (charset^variable part)
      --start I            first index (default 0), to resume or shard
      --fixed F            the fixed part (default: derived from the key)
      --key HEX            the series key, ≥ 16 bytes as hex (default: fresh random)
      --key-out FILE       save the key (hex, mode 600); without it a fresh key is discarded
`;

const options = {
  type: { type: 'string' },
  count: { type: 'string' },
  out: { type: 'string' },
  length: { type: 'string' },
  charset: { type: 'string' },
  'custom-charset': { type: 'string' },
  prefix: { type: 'string' },
  suffix: { type: 'string' },
  sample: { type: 'string' },
  start: { type: 'string' },
  fixed: { type: 'string' },
  key: { type: 'string' },
  'key-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags>;

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function wholeNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    throw new UsageError(`--${flag} must be a whole number ≥ ${min}, got "${value}".`);
  }
  return Number(value);
}

function refuse(flags: Flags, names: (keyof Flags)[], type: string): void {
  for (const name of names) {
    if (flags[name] !== undefined)
      throw new UsageError(`--${String(name)} does not apply to --type ${type}.`);
  }
}

function parseKey(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2}){16,64}$/.test(hex)) {
    throw new UsageError('--key must be 16 to 64 bytes written as hex (32 to 128 hex digits).');
  }
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

type Plan = {
  count: number;
  /** Fields added to the final JSON line, read once the stream is done. */
  summary: () => Record<string, unknown>;
  stream: (sink: ReturnType<typeof openSink>) => Promise<number>;
};

function planUnique(flags: Flags): Plan {
  refuse(flags, ['sample', 'start', 'fixed', 'key', 'key-out'], 'unique');
  if (flags.count === 'all') throw new UsageError('--count all only applies to --type randomized.');
  const count = wholeNumber(flags.count, 'count', NaN, 1);
  const length = wholeNumber(flags.length, 'length', 10, 1);
  const charsets: Record<string, CharsetKind> = {
    alnum: 'ALPHANUMERIC',
    numeric: 'NUMERIC',
    custom: 'CUSTOM',
  };
  const charset =
    charsets[flags.charset ?? (flags['custom-charset'] !== undefined ? 'custom' : 'alnum')];
  if (charset === undefined)
    throw new UsageError(`--charset must be alnum, numeric or custom, got "${flags.charset}".`);
  if (charset === 'CUSTOM' && flags['custom-charset'] === undefined) {
    throw new UsageError(
      '--charset custom needs --custom-charset, e.g. ABCDEFGHJKLMNPQRSTUVWXYZ23456789.',
    );
  }
  let generator;
  try {
    generator = createUniqueCodeGenerator({
      length,
      charset,
      customCharset: flags['custom-charset'] ?? null,
      prefix: flags.prefix,
      suffix: flags.suffix,
      expected: count,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const feasible = checkUniqueCodeRequest(
    { length, charset, customCharset: flags['custom-charset'] },
    count,
  );
  if (!feasible.ok) throw new UsageError(feasible.reasons.map((r) => r.message).join(' '));
  return {
    count,
    summary: () => ({ dedupeMB: Math.round(generator.memoryBytes / 1e5) / 10 }),
    stream: (sink) => streamUniqueCodes(generator, count, sink),
  };
}

async function planRandomized(flags: Flags): Promise<Plan> {
  refuse(flags, ['length', 'charset', 'custom-charset', 'prefix', 'suffix'], 'randomized');
  if (flags.sample === undefined)
    throw new UsageError('--type randomized needs --sample, e.g. --sample TEST12345.');
  const shape = analyzeSample(flags.sample);
  if (!shape.ok) throw new UsageError(shape.reasons.map((r) => r.message).join(' '));
  const { size, alphabet, fixedLength } = shape.value;
  const start = wholeNumber(flags.start, 'start', 0, 0);
  const count = flags.count === 'all' ? size - start : wholeNumber(flags.count, 'count', NaN, 1);
  if (start + count > size) {
    throw new UsageError(
      `The series of sample "${flags.sample}" holds ${size.toLocaleString('en-US')} codes; --start ${start} --count ${count} goes past its end.`,
    );
  }
  const key = flags.key !== undefined ? parseKey(flags.key) : randomBytes(32);
  const fixedPart =
    flags.fixed ??
    (await deriveFixedPart({
      orgSalt: key,
      offerKey: flags.sample.toUpperCase(),
      length: fixedLength,
      alphabet,
    }));
  let series;
  try {
    series = createRandomizedSeries({ sample: flags.sample, fixedPart, key });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (flags['key-out'] !== undefined) {
    await writeFile(flags['key-out'], `${Buffer.from(key).toString('hex')}\n`, { mode: 0o600 });
  } else if (flags.key === undefined) {
    process.stderr.write(
      'note: no --key-out given, so this series key is discarded and the codes cannot be verified later.\n',
    );
  }
  return {
    count,
    summary: () => ({ fixedPart: series.fixedPart, seriesSize: size, start }),
    stream: (sink) => streamRandomizedSeries(series, start, count, sink),
  };
}

async function generate(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags.out === undefined)
    throw new UsageError('--out FILE (or --out - for stdout) is required.');
  if (flags.count === undefined)
    throw new UsageError('--count N is required (or --count all with --type randomized).');
  let plan: Plan;
  if (flags.type === 'unique') plan = planUnique(flags);
  else if (flags.type === 'randomized') plan = await planRandomized(flags);
  else
    throw new UsageError(
      `--type must be unique or randomized, got ${flags.type === undefined ? 'nothing' : `"${flags.type}"`}.`,
    );

  const started = process.hrtime.bigint();
  const sink = openSink(flags.out);
  const written = await plan.stream(sink);
  await sink.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = {
    count: written,
    seconds: Math.round(seconds * 1000) / 1000,
    codesPerSecond: Math.round(written / seconds),
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    type: flags.type,
    ...plan.summary(),
  };
  (flags.out === '-' ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
  return 0;
}

export const command: Command = {
  summary: 'Generate unique or randomized common codes to a file or stdout',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'generate') return generate(rest);
    if (sub === undefined || sub === '--help' || sub === '-h') {
      process.stdout.write(USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown subcommand "${sub}".\n\n${USAGE}`);
  },
};
