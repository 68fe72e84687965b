import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '#shared/api/http-client';
import { startBackend, type Backend } from '#main/backend/start-backend';

const quiet = () => undefined;
// Creating an on-disk PGlite cluster (initdb) takes seconds, more on a busy machine.
const SLOW = 180_000;

describe('first run of a standalone till', () => {
  let dir: string;
  let till: Backend;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-first-run-'));
    till = await startBackend({ dataDir: dir, port: 0, log: quiet });
  }, SLOW);
  afterAll(async () => {
    await till.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says first run, refuses a weak password naming the field, and makes one first admin under a race', async () => {
    const anon = createHttpClient(till.url as string);
    await expect(anon.send('setup-status', {})).resolves.toEqual({
      host: 'till',
      hasUsers: false,
      firstRun: true,
      hub: null,
    });
    await expect(
      anon.send('setup-first-admin', { username: 'owner', password: '123456654321' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: [{ path: 'password' }] });

    // Two screens at once: exactly one becomes the first admin.
    const tries = await Promise.allSettled([
      anon.send('setup-first-admin', { username: 'owner', password: 'tin roof rusted owl' }),
      anon.send('setup-first-admin', { username: 'other', password: 'green lamp quiet river' }),
    ]);
    const won = tries.filter((t) => t.status === 'fulfilled');
    const lost = tries.filter((t) => t.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost[0]).toMatchObject({ reason: { code: 'CONFLICT' } });
    const first = won[0] as PromiseFulfilledResult<{ token: string; user: { role: string } }>;
    expect(first.value.user.role).toBe('admin');

    // Signed in at once: the answered token works.
    const admin = createHttpClient(till.url as string, first.value.token);
    await expect(admin.send('auth-me', {})).resolves.toMatchObject({ role: 'admin' });
    await expect(anon.send('setup-status', {})).resolves.toMatchObject({
      hasUsers: true,
      firstRun: false,
    });
    // Afterwards nobody can claim it again, load the demo, or enrol without being an admin.
    await expect(
      anon.send('setup-first-admin', { username: 'late', password: 'tin roof rusted owl' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(anon.send('setup-load-demo', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      anon.send('setup-enrol', { hubUrl: 'http://127.0.0.1:9', enrolmentCode: 'ABCDE-FGHIJ' }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(admin.send('setup-leave-hub', {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('first run with the demo', () => {
  let dir: string;
  let till: Backend;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-first-run-demo-'));
    till = await startBackend({ dataDir: dir, port: 0, log: quiet });
  }, SLOW);
  afterAll(async () => {
    await till.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'loads the demo when asked and answers its sign-ins, which then work',
    async () => {
      const anon = createHttpClient(till.url as string);
      const { signIns } = await anon.send('setup-load-demo', {});
      const cashier = signIns.find((s) => s.role === 'cashier');
      expect(cashier).toBeDefined();
      const { user } = await anon.send('auth-login', {
        username: cashier?.username ?? '',
        password: cashier?.password ?? '',
      });
      expect(user.role).toBe('cashier');
      await expect(anon.send('setup-status', {})).resolves.toMatchObject({ firstRun: false });
    },
    SLOW,
  );
});
