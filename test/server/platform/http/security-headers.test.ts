import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { APP_CSP } from '#server/platform/http/security-headers';
import { request, startHarness, type Harness } from './harness';

const expectHardened = (headers: Headers, where: string): string => {
  expect(headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(headers.get('referrer-policy'), where).toBe('no-referrer');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, where).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  return csp;
};

const directive = (csp: string, name: string): string | undefined =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('HTTP app: security headers on every response', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-headers-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Counterfoil</title>');
    await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    h = await startHarness(
      {
        'coupons-get': () => {
          throw new Error('a bug');
        },
      },
      { staticDir: dir, onInternalError: () => undefined },
    );
  });
  afterAll(async () => {
    await h.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('API answers of every kind load nothing and may not be framed', async () => {
    const answers = {
      health: await request(h.server, 'GET', '/api/v1/health'),
      openapi: await request(h.server, 'GET', '/api/v1/openapi.json'),
      ok: await request(h.server, 'GET', '/api/v1/offers', { token: 'tok-admin' }),
      csv: await request(h.server, 'GET', '/api/v1/uploads/u-1/issues.csv', { token: 'tok-admin' }),
      unauthenticated: await request(h.server, 'GET', '/api/v1/offers'),
      invalid: await request(h.server, 'GET', '/api/v1/offers?limit=x', { token: 'tok-admin' }),
      unknownRoute: await request(h.server, 'GET', '/api/v1/nothing', { token: 'tok-admin' }),
      internal: await request(h.server, 'GET', '/api/v1/coupons/C1', { token: 'tok-admin' }),
    };
    expect(answers.internal.status).toBe(500);
    expect(answers.csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    for (const [where, res] of Object.entries(answers)) {
      const csp = expectHardened(res.headers, where);
      expect(directive(csp, 'default-src'), where).toBe("default-src 'none'");
    }
  });

  it('the app (index, deep link, asset, 404) allows only its own origin', async () => {
    for (const path of ['/', '/offers/o-1', '/assets/index-abc.js', '/assets/missing.js']) {
      const res = await request(h.server, 'GET', path);
      const csp = expectHardened(res.headers, path);
      expect(csp, path).toBe(APP_CSP);
    }
    expect(directive(APP_CSP, 'default-src')).toBe("default-src 'self'");
    expect(directive(APP_CSP, 'script-src')).toBe("script-src 'self'");
    expect(directive(APP_CSP, 'object-src')).toBe("object-src 'none'");
    expect(directive(APP_CSP, 'base-uri')).toBe("base-uri 'self'");
    expect(APP_CSP).not.toContain('unsafe');
  });

  it('the renderer carries the same policy as a meta tag (less frame-ancestors, ignored there)', async () => {
    const html = await readFile(join(__dirname, '../../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const withoutFraming = APP_CSP.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(withoutFraming);
  });
});
