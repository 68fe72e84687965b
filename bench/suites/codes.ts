import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  createKeyedPermutation,
  createRandomizedSeries,
  createUniqueCodeGenerator,
  deriveFixedPart,
  randomBytes,
  type RandomizedSeries,
} from '../../src-shared/codes';
import { openSink } from '#server/cli/byte-sink';
import { streamRandomizedSeries, streamUniqueCodes } from '#server/cli/code-stream';
import { MB, rssTracker, timed } from '../measure';
import { result, type BenchResult, type BenchSuite } from '../types';

/** A 10-character alphanumeric sample: 5 fixed + 5 variable, the seed's 60,466,176 codes. */
const SAMPLE = 'ABCDE12345';
/** Unique codes, ours and the peers': the peers hold everything in memory, 1-5 M is their range. */
const UNIQUE_COUNT = 5_000_000;
const UNIQUE_LENGTH = 10;

async function streamSeriesToFile(series: RandomizedSeries, count: number, file: string) {
  const tracker = rssTracker();
  const {
    value: written,
    seconds,
    cpuSeconds,
  } = await timed(async () => {
    const sink = openSink(file);
    const n = await streamRandomizedSeries(series, 0, count, sink, () => tracker.sample());
    await sink.close();
    return n;
  });
  return {
    count: written,
    seconds,
    cpuSeconds,
    perSecond: written / seconds,
    perCpuSecond: written / cpuSeconds,
    peakMB: tracker.peakMB,
  };
}

/**
 * Reads the file back as fixed-size records and marks each code's index (the permutation's
 * inverse of its variable part) in a bitmap over the index space: a second mark is a duplicate.
 */
async function checkSeriesFile(
  series: RandomizedSeries,
  key: Uint8Array,
  file: string,
  count: number,
) {
  const permutation = createKeyedPermutation(series.size, key);
  const seen = new Uint32Array(Math.ceil(series.size / 32));
  const stride = series.length + 1;
  const digit = new Int8Array(128).fill(-1);
  for (let d = 0; d < series.alphabet.length; d++) digit[series.alphabet.charCodeAt(d)] = d;
  const fixed = Uint8Array.from(series.fixedPart, (c) => c.charCodeAt(0));
  const radix = series.alphabet.length;
  const handle = await open(file, 'r');
  const buffer = new Uint8Array(stride * 65_536);
  let duplicates = 0;
  let malformed = 0;
  let records = 0;
  try {
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      if (bytesRead % stride !== 0) throw new Error(`file is not whole ${stride}-byte lines`);
      for (let at = 0; at < bytesRead; at += stride) {
        let value = 0;
        let ok = buffer[at + series.length] === 10;
        for (let f = 0; f < fixed.length; f++) ok &&= buffer[at + f] === fixed[f];
        for (let p = series.fixedLength; p < series.length; p++) {
          const d = digit[buffer[at + p] as number] ?? -1;
          if (d < 0) ok = false;
          value = value * radix + d;
        }
        records++;
        if (!ok) {
          malformed++;
          continue;
        }
        const index = permutation.inverse(value);
        const word = index >>> 5;
        const bit = 1 << (index & 31);
        if (((seen[word] as number) & bit) !== 0) duplicates++;
        else seen[word] = (seen[word] as number) | bit;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { records, duplicates, malformed, complete: records === count };
}

async function uniqueToFile(count: number, file: string) {
  const tracker = rssTracker();
  const generator = createUniqueCodeGenerator({
    length: UNIQUE_LENGTH,
    charset: 'ALPHANUMERIC',
    expected: count,
  });
  const {
    value: written,
    seconds,
    cpuSeconds,
  } = await timed(async () => {
    const sink = openSink(file);
    const n = await streamUniqueCodes(generator, count, sink, () => tracker.sample());
    await sink.close();
    return n;
  });
  return {
    count: written,
    seconds,
    cpuSeconds,
    perCpuSecond: written / cpuSeconds,
    perSecond: written / seconds,
    peakMB: tracker.peakMB,
    dedupeMB: generator.memoryBytes / MB,
  };
}

type InMemory = {
  count: number;
  distinct: number;
  seconds: number;
  perSecond: number;
  perCpuSecond: number;
  peakRssMB: number;
  retainedMB: number;
};

const worker = fileURLToPath(new URL('../workers/in-memory-codes.ts', import.meta.url));

/** Runs one in-memory generator (ours or a peer's) in a fresh process: see the worker. */
async function inMemory(name: string, count: number): Promise<InMemory> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      worker,
      name,
      String(count),
      String(UNIQUE_LENGTH),
    ],
    { maxBuffer: 1024 * 1024 },
  );
  const measured = JSON.parse(stdout.trim().split('\n').pop()!) as InMemory;
  if (measured.count !== count || measured.distinct !== count) {
    throw new Error(
      `${name} returned ${measured.count} codes, ${measured.distinct} distinct, for ${count} asked`,
    );
  }
  return measured;
}

export const suite: BenchSuite = {
  name: 'codes',
  description:
    'randomized common series streamed to a file, unique auto codes, peers on the same counts',
  async run(scale) {
    const dir = await mkdtemp(join(tmpdir(), 'counterfoil-bench-codes-'));
    try {
      const key = randomBytes(32);
      const probe = createRandomizedSeries({ sample: SAMPLE, fixedPart: 'AAAAA', key });
      const fixedPart = await deriveFixedPart({
        orgSalt: randomBytes(32),
        offerKey: 'bench',
        length: probe.fixedLength,
        alphabet: probe.alphabet,
      });
      const series = createRandomizedSeries({ sample: SAMPLE, fixedPart, key });
      const seriesCount = Math.max(10_000, Math.round(series.size * scale));
      const seriesFile = join(dir, 'series.txt');

      const streamed = await streamSeriesToFile(series, seriesCount, seriesFile);
      const fileMB = (await stat(seriesFile)).size / MB;
      const check = await timed(() => checkSeriesFile(series, key, seriesFile, seriesCount));
      await rm(seriesFile);

      const uniqueCount = Math.max(10_000, Math.round(UNIQUE_COUNT * scale));
      const unique = await uniqueToFile(uniqueCount, join(dir, 'unique.txt'));
      await rm(join(dir, 'unique.txt'));

      const ours = await inMemory('counterfoil', uniqueCount);
      const voucher = await inMemory('voucher-code-generator', uniqueCount);
      const referral = await inMemory('referral-codes', uniqueCount);
      const peers = [
        { name: 'voucher-code-generator', m: voucher },
        { name: 'referral-codes', m: referral },
      ];

      const results: BenchResult[] = [];
      for (const peer of peers) {
        results.push(
          result({
            metric: 'codes.randomized.stream.codesPerSecond',
            value: streamed.perSecond,
            unit: 'codes/s',
            budget: 10_000_000,
            peer: peer.name,
            peerValue: peer.m.perSecond,
            detail: {
              count: streamed.count,
              seconds: streamed.seconds,
              cpuSeconds: streamed.cpuSeconds,
              codesPerCpuSecond: Math.round(streamed.perCpuSecond),
              peerCodesPerCpuSecond: Math.round(peer.m.perCpuSecond),
              fileMB: Math.round(fileMB),
              peerCount: peer.m.count,
              peerInMemory: true,
            },
          }),
        );
      }
      results.push(
        result({
          metric: 'codes.randomized.stream.peakRssMB',
          value: streamed.peakMB,
          unit: 'MiB',
          budget: 256,
          better: 'lower',
          detail: { count: streamed.count, fileMB: Math.round(fileMB) },
        }),
        result({
          metric: 'codes.randomized.distinct.verified',
          value:
            check.value.complete && check.value.malformed === 0
              ? check.value.records - check.value.duplicates
              : 0,
          unit: 'codes',
          budget: seriesCount,
          detail: {
            ...check.value,
            checkSeconds: check.seconds,
            method: 'bitmap over the index space via the inverse permutation',
          },
        }),
      );
      for (const peer of peers) {
        results.push(
          result({
            metric: 'codes.unique10.stream.codesPerSecond',
            value: unique.perSecond,
            unit: 'codes/s',
            budget: 3_000_000,
            peer: peer.name,
            peerValue: peer.m.perSecond,
            detail: {
              count: unique.count,
              seconds: unique.seconds,
              cpuSeconds: unique.cpuSeconds,
              codesPerCpuSecond: Math.round(unique.perCpuSecond),
              peerCodesPerCpuSecond: Math.round(peer.m.perCpuSecond),
              dedupeMB: Math.round(unique.dedupeMB),
              peakRssMB: Math.round(unique.peakMB),
              peerInMemory: true,
            },
          }),
          result({
            metric: 'codes.unique10.inMemory.codesPerSecond',
            value: ours.perSecond,
            unit: 'codes/s',
            peer: peer.name,
            peerValue: peer.m.perSecond,
            detail: {
              count: uniqueCount,
              codesPerCpuSecond: Math.round(ours.perCpuSecond),
              peerCodesPerCpuSecond: Math.round(peer.m.perCpuSecond),
            },
          }),
          result({
            metric: 'codes.unique10.inMemory.peakRssMB',
            value: ours.peakRssMB,
            unit: 'MiB',
            better: 'lower',
            peer: peer.name,
            peerValue: peer.m.peakRssMB,
            detail: {
              count: uniqueCount,
              note: 'peak RSS of a fresh process generating the array of codes',
            },
          }),
          result({
            metric: 'codes.unique10.inMemory.retainedMB',
            value: ours.retainedMB,
            unit: 'MiB',
            better: 'lower',
            peer: peer.name,
            peerValue: peer.m.retainedMB,
            detail: { count: uniqueCount, note: 'heap held by the returned array after a full GC' },
          }),
        );
      }
      return results;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
