import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startHarness, type Harness } from './harness';

const repo = resolve(__dirname, '../../../..');
const redocly = join(repo, 'node_modules/@redocly/cli/bin/cli.js');

type LintReport = {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; message: string; location?: { pointer?: string }[] }[];
};

const lint = (file: string): Promise<{ code: number; report: LintReport }> =>
  new Promise((done, fail) => {
    execFile(
      process.execPath,
      [redocly, 'lint', file, '--config', join(repo, 'redocly.yaml'), '--format=json'],
      {
        cwd: repo,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
        // No telemetry or update check from a test run (and no network to wait for).
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') return fail(error);
        try {
          done({ code: error ? (error.code as number) : 0, report: JSON.parse(stdout) });
        } catch (parseError) {
          fail(new Error(`redocly printed no JSON report: ${stdout}`, { cause: parseError }));
        }
      },
    );
  });

describe('the served OpenAPI document under redocly lint (recommended rules)', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness();
    dir = await mkdtemp(join(tmpdir(), 'counterfoil-openapi-'));
  });
  afterAll(async () => {
    await h.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has no errors and no warnings', async () => {
    const res = await request(h.server, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const file = join(dir, 'openapi.json');
    await writeFile(file, res.text);
    const { code, report } = await lint(file);
    const problems = report.problems.map(
      (p) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(code).toBe(0);
  }, 90_000);
});
