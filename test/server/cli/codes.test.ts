import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandomizedSeries } from '../../../src-shared/codes';

const bin = fileURLToPath(new URL('../../../bin/counterfoil.mjs', import.meta.url));
let dir = '';

type Run = { code: number | null; stdout: string; stderr: string };

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });
}

async function lines(file: string): Promise<string[]> {
  const text = await readFile(join(dir, file), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function lastJson(text: string): Record<string, unknown> {
  const line = text.trim().split('\n').pop()!;
  return JSON.parse(line) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'counterfoil-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('counterfoil codes generate', () => {
  it('writes 1,000,000 distinct 9-character codes sharing one fixed part for sample TEST12345', async () => {
    const run = await cli(
      'codes',
      'generate',
      '--type',
      'randomized',
      '--sample',
      'TEST12345',
      '--count',
      '1000000',
      '--out',
      'codes.txt',
    );
    expect(run.code).toBe(0);
    const summary = lastJson(run.stdout);
    expect(summary).toMatchObject({ count: 1_000_000, type: 'randomized', seriesSize: 36 ** 5 });
    for (const field of ['seconds', 'codesPerSecond', 'rssMB'])
      expect(summary[field]).toBeGreaterThan(0);
    const codes = await lines('codes.txt');
    expect(codes).toHaveLength(1_000_000);
    expect(new Set(codes).size).toBe(1_000_000);
    const fixed = codes[0]!.slice(0, 4);
    expect(summary.fixedPart).toBe(fixed);
    expect(
      codes.every(
        (code) => code.length === 9 && code.startsWith(fixed) && /^[0-9A-Z]+$/.test(code),
      ),
    ).toBe(true);
  });

  it('streams a given key and fixed part from --start, matching the library and verifiable by index', async () => {
    const keyHex = '00112233445566778899aabbccddeeff';
    const run = await cli(
      'codes',
      'generate',
      '--type',
      'randomized',
      '--sample',
      '98765432',
      '--fixed',
      '4242',
      '--key',
      keyHex,
      '--start',
      '9990',
      '--count',
      'all',
      '--out',
      'tail.txt',
    );
    expect(run.code).toBe(0);
    const codes = await lines('tail.txt');
    expect(codes).toHaveLength(10); // 10^4 codes, from index 9990 to the end
    const series = createRandomizedSeries({
      sample: '98765432',
      fixedPart: '4242',
      key: Buffer.from(keyHex, 'hex'),
    });
    codes.forEach((code, i) => expect(series.indexOf(code)).toBe(9990 + i));
  });

  it('saves a fresh key with --key-out so the series can be checked later', async () => {
    const run = await cli(
      'codes',
      'generate',
      '--type',
      'randomized',
      '--sample',
      'ab3de',
      '--count',
      '50',
      '--out',
      'k.txt',
      '--key-out',
      'series.key',
    );
    expect(run.code).toBe(0);
    const key = Buffer.from((await readFile(join(dir, 'series.key'), 'utf8')).trim(), 'hex');
    expect(key).toHaveLength(32);
    expect((await stat(join(dir, 'series.key'))).mode & 0o077).toBe(0);
    const codes = await lines('k.txt');
    const series = createRandomizedSeries({
      sample: 'AB3DE',
      fixedPart: codes[0]!.slice(0, 2),
      key,
    });
    codes.forEach((code, i) => expect(series.indexOf(code)).toBe(i));
  });

  it('writes unique codes with prefix and suffix, and the summary to stderr with --out -', async () => {
    const run = await cli(
      'codes',
      'generate',
      '--type',
      'unique',
      '--count',
      '20000',
      '--length',
      '8',
      '--charset',
      'numeric',
      '--prefix',
      'ny',
      '--suffix=-z',
      '--out',
      '-',
    );
    expect(run.code).toBe(0);
    const codes = run.stdout.trimEnd().split('\n');
    expect(codes).toHaveLength(20_000);
    expect(new Set(codes).size).toBe(20_000);
    expect(codes.every((code) => /^NY[0-9]{8}-Z$/.test(code))).toBe(true);
    expect(lastJson(run.stderr)).toMatchObject({ count: 20_000, type: 'unique' });
  });

  it('fails clearly, with a non-zero exit, on bad invocations', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['codes', 'generate', '--type', 'unique', '--count', '5', '--out', '-', '--wat'],
        /Unknown option '--wat'/,
      ],
      [
        ['codes', 'generate', '--type', 'weird', '--count', '5', '--out', '-'],
        /--type must be unique or randomized/,
      ],
      [
        [
          'codes',
          'generate',
          '--type',
          'unique',
          '--count',
          '600000',
          '--length',
          '6',
          '--charset',
          'numeric',
          '--out',
          '-',
        ],
        /length of at least 7/,
      ],
      [
        ['codes', 'generate', '--type', 'unique', '--count', 'all', '--out', '-'],
        /--count all only applies/,
      ],
      [
        ['codes', 'generate', '--type', 'randomized', '--sample', 'TEST12345', '--count', '5'],
        /--out FILE/,
      ],
      [
        [
          'codes',
          'generate',
          '--type',
          'randomized',
          '--sample',
          '12345',
          '--count',
          '1001',
          '--out',
          '-',
        ],
        /holds 1,000 codes/,
      ],
      [
        [
          'codes',
          'generate',
          '--type',
          'randomized',
          '--sample',
          'TEST12345',
          '--count',
          '5',
          '--prefix',
          'A',
          '--out',
          '-',
        ],
        /--prefix does not apply/,
      ],
      [['nope'], /unknown command "nope"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(' ')).toBe(2);
      expect(run.stderr).toMatch(cases[i]![1]);
      expect(run.stdout).toBe('');
    });
  });
});
