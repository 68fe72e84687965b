import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'counterfoil.mjs');

describe('counterfoil till', () => {
  it('prints its URL, serves the API and closes the database on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-till-cli-'));
    const child = spawn(process.execPath, [bin, 'till', '--data', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /running at (http:\/\/\S+)/.exec(out);
          if (match) {
            clearInterval(timer);
            resolve(match[1] as string);
          }
        }, 100);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`till exited early (${code}): ${out}`));
        });
      });
      const health = await fetch(`${url}/api/v1/health`);
      expect(await health.json()).toMatchObject({ ok: true, host: 'till' });
      const offers = await fetch(`${url}/api/v1/offers`);
      expect(offers.status).toBe(401);
      expect(existsSync(join(dir, 'pglite.lock'))).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('closing the database');
      expect(existsSync(join(dir, 'pglite.lock'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('explains a missing --data', async () => {
    const child = spawn(process.execPath, [bin, 'till', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--data DIR is required');
  }, 60_000);
});
