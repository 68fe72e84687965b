import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '#shared/api/http-client';
import { demoUsers } from '#shared/services/demo/demo-users';
import { startBackend, type Backend } from '#main/backend/start-backend';
import { deviceFilePath } from '#main/backend/sync/device-file';
import { startHub, type RunningHub } from '#server/hub/start-hub';

const quiet = () => undefined;
const SLOW = 240_000;
const tuning = { syncIntervalMs: 300, timeoutMs: 10_000 };
const password = (username: string) => demoUsers.find((u) => u.username === username)?.password;

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** A fresh till enrolled from its first-run screen (setup-enrol), without a restart. */
describe('enrolling a till from the app', () => {
  let dir: string;
  let hub: RunningHub;
  let till: Backend;
  const pushed: { channel: string; payload: unknown }[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-enrol-'));
    hub = await startHub({ port: 0, dataDir: join(dir, 'hub'), demo: true, log: quiet });
    till = await startBackend({
      dataDir: join(dir, 'till'),
      port: 0,
      hubTuning: tuning,
      log: quiet,
      emit: (channel, payload) => pushed.push({ channel, payload }),
    });
  }, SLOW);
  afterAll(async () => {
    await till?.close();
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the field when the address or the code is wrong', async () => {
    const anon = createHttpClient(till.url as string);
    await expect(
      anon.send('setup-enrol', { hubUrl: 'http://127.0.0.1:9', enrolmentCode: 'ABCDE-FGHIJ' }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', details: [{ path: 'hubUrl' }] });
    await expect(
      anon.send('setup-enrol', { hubUrl: hub.url, enrolmentCode: 'ABCDE-FGHIJ' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: [{ path: 'enrolmentCode' }] });
    await expect(anon.send('setup-status', {})).resolves.toMatchObject({ hub: null });
  });

  it(
    'follows the hub at once, knows its till, syncs, and again after a restart without flags',
    async () => {
      const code = hub.enrolments.find((e) => e.tillId === 'S-DEL-T1')?.code ?? '';
      const anon = createHttpClient(till.url as string);
      const status = await anon.send('setup-enrol', { hubUrl: `${hub.url}/`, enrolmentCode: code });
      expect(status.hub).toMatchObject({ url: hub.url, tillId: 'S-DEL-T1', storeId: 'S-DEL' });
      expect(existsSync(deviceFilePath(join(dir, 'till')))).toBe(true);
      // The first pull brings the till's name and its people: no restart needed.
      await until(
        () => anon.send('setup-status', {}),
        (s) => s.hub?.tillName !== null && s.hasUsers,
      );
      // The app's window hears of each sync round (it re-reads sync health at once).
      expect(pushed).toContainEqual({
        channel: 'sync-changed',
        payload: { online: true, at: expect.any(String) as string },
      });

      // An offer made at the hub reaches the till.
      const bo = createHttpClient(
        hub.url,
        (
          await createHttpClient(hub.url).send('auth-login', {
            username: 'backoffice',
            password: password('backoffice') ?? '',
          })
        ).token,
      );
      const offer = await bo.send('offers-create', {
        name: `Enrolled from the app ${Date.now()}`,
        expiry: { type: 'FIXED_DATE', endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() },
        discount: { type: 'FIXED', amount: '50', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
        redemption: { allowAnyone: true, codeLimit: 1 },
        syncToInStore: { enabled: true, scope: [] },
      });
      const { token } = await anon.send('auth-login', {
        username: 'manager',
        password: password('manager') ?? '',
      });
      const manager = createHttpClient(till.url as string, token);
      await until(
        () => manager.send('offers-get', { id: offer.id }),
        (o) => o.offer.id === offer.id,
      );

      // Nobody but an admin may re-enrol or leave now.
      await expect(
        anon.send('setup-enrol', { hubUrl: hub.url, enrolmentCode: code }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(manager.send('setup-leave-hub', {})).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      // The next start follows the hub from the data folder alone.
      await till.close();
      till = await startBackend({
        dataDir: join(dir, 'till'),
        port: 0,
        hubTuning: tuning,
        log: quiet,
      });
      const again = createHttpClient(till.url as string);
      await expect(again.send('setup-status', {})).resolves.toMatchObject({
        hub: { url: hub.url, tillId: 'S-DEL-T1' },
      });
      await until(
        () => again.send('sync-health', {}).catch(() => null),
        () => true,
      );
      const { token: adminToken } = await again.send('auth-login', {
        username: 'admin',
        password: password('admin') ?? '',
      });
      const admin = createHttpClient(till.url as string, adminToken);
      await until(
        () => admin.send('sync-health', {}),
        (h) => h.online,
      );

      // An admin leaves: no device file, no hub, the data stays.
      await expect(admin.send('setup-leave-hub', {})).resolves.toMatchObject({ hub: null });
      expect(existsSync(deviceFilePath(join(dir, 'till')))).toBe(false);
      await expect(admin.send('offers-get', { id: offer.id })).resolves.toMatchObject({
        offer: { id: offer.id },
      });
    },
    SLOW,
  );
});
