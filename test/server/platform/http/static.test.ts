import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from '#server/platform/http/static-files';
import { request, startHarness, type Harness } from './harness';

describe('HTTP app: the built renderer', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Counterfoil</title>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(join(dir, '..', 'cf-secret.txt'), 'outside the root').catch(() => undefined);
    h = await startHarness({}, { staticDir: dir });
  });
  afterAll(async () => {
    await h.server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(join(dir, '..', 'cf-secret.txt'), { force: true });
  });

  it('serves index.html at / and for client-side routes (SPA fallback)', async () => {
    for (const path of ['/', '/offers/offer-1', '/till']) {
      const res = await request(h.server, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<title>Counterfoil</title>');
    }
  });

  it('serves assets with their content type and a long cache', async () => {
    const res = await request(h.server, 'GET', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.text).toBe('console.log(1)');
  });

  it('answers 404 for a missing asset instead of index.html', async () => {
    const res = await request(h.server, 'GET', '/assets/missing.js');
    expect(res.status).toBe(404);
  });

  it('never serves files outside the root', async () => {
    const serve = createStaticHandler(dir);
    expect(await serve('/../cf-secret.txt')).toBeNull();
    expect(await serve('/..%2fcf-secret.txt')).toBeNull();
    // fetch() normalizes "..", so send the raw path over a socket.
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${h.server.url}/..%2fcf-secret.txt`, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.status).toBe(404);
    expect(raw.body).not.toContain('outside the root');
  });

  it('keeps API misses as JSON errors', async () => {
    const res = await request(h.server, 'GET', '/api/v1/nothing-here', { token: 'tok-admin' });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
