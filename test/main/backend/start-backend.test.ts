import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '#shared/api/http-client';
import { createRequestHandler } from '#main/backend/request-handler';
import { startBackend, type Backend } from '#main/backend/start-backend';
import { demoUsers } from '#shared/services/demo/demo-users';

const quiet = () => undefined;
const passwordOf = (username: string) =>
  demoUsers.find((u) => u.username === username)?.password ?? '';
// Creating an on-disk PGlite cluster (initdb) takes seconds, more on a busy machine.
const SLOW = 180_000;

describe('till backend host', () => {
  let dir: string;
  let backend: Backend;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-backend-'));
    await writeFile(join(dir, 'journal.jsonl'), '{"type":"SOMETHING_ELSE"}\n');
    backend = await startBackend({
      dataDir: dir,
      port: 0,
      demo: true,
      demoPasswordIterations: 1000,
      log: quiet,
    });
  }, SLOW);
  afterAll(async () => {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTP with the demo sign-ins', async () => {
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const anonymous = createHttpClient(backend.url as string);
    const { token, user } = await anonymous.send('auth-login', {
      username: 'manager',
      password: passwordOf('manager'),
    });
    expect(user.role).toBe('store_manager');
    const manager = createHttpClient(backend.url as string, token);
    await expect(manager.send('auth-me', {})).resolves.toEqual(user);
    await expect(
      manager.send('users-create', {
        username: 'x.y.z',
        password: 'long-enough',
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a small buffer pool: the till reads single coupons, the OS caches the rest', async () => {
    // initdb's 128MB would sit resident in every till (docs/benchmarks.md, "Till memory").
    await expect(backend.sql.query('SHOW shared_buffers')).resolves.toEqual([
      { shared_buffers: '32MB' },
    ]);
  });

  it('answers IPC requests through the same dispatcher, by session token', async () => {
    const handle = createRequestHandler(backend);
    const login = (await handle(
      'auth-login',
      { username: 'cashier', password: passwordOf('cashier') },
      null,
    )) as {
      token: string;
    };
    expect(await handle('auth-me', {}, login.token)).toMatchObject({ username: 'cashier' });
    expect(await handle('auth-me', {}, null)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await handle('auth-me', {}, 'not-a-token')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('read the journal at start and emptied it once the database was durable', async () => {
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
  });

  it('refuses a second backend on the same data directory', async () => {
    await expect(startBackend({ dataDir: dir, log: quiet })).rejects.toThrow(
      /already open in this process|in use by process/,
    );
  });
});

describe('till backend host: restart', () => {
  it(
    'keeps its data across a clean close and reopen, and releases the lock',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cf-backend-'));
      try {
        const first = await startBackend({ dataDir: dir, log: quiet });
        const created = await first.dispatch(
          'users-create',
          {
            username: 'night.shift',
            password: 'night-shift-pw',
            role: 'cashier',
            storeIds: ['s-1'],
          },
          { kind: 'system' },
        );
        await first.close();
        await first.close(); // idempotent

        const second = await startBackend({ dataDir: dir, log: quiet });
        try {
          const login = (await second.dispatch(
            'auth-login',
            { username: 'night.shift', password: 'night-shift-pw' },
            null,
          )) as { user: unknown };
          expect(login.user).toEqual(created);
          expect(second.url).toBeNull();
        } finally {
          await second.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
