import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { apiToken, demoCredentials, type Credentials, type DemoRole } from './api';
import { removeDataDir } from './app-process';
import { startCli, type CliProcess } from './cli-process';

export type SmsReceived = { to: string; text: string; unicode: boolean };

/**
 * A stand-in SMS gateway (the contract in docs/notifications.md: POST {to, text, unicode}).
 * It records what it is given and refuses numbers listed in `refuse` with 400, which the hub
 * treats as a permanent failure.
 */
export type SmsSink = {
  url: string;
  received: SmsReceived[];
  refuse: Set<string>;
  close: () => Promise<void>;
};

export const startSmsSink = async (): Promise<SmsSink> => {
  const received: SmsReceived[] = [];
  const refuse = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const msg = JSON.parse(body) as SmsReceived;
      if (refuse.has(msg.to)) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `number ${msg.to} is on the do-not-disturb list` }));
        return;
      }
      received.push(msg);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sink-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    refuse,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

export type Hub = CliProcess & {
  dataDir: string;
  sms: SmsSink;
  credentials: (role: DemoRole) => Credentials;
  token: (role: DemoRole) => Promise<string>;
  /** The one-time code the demo hub printed for a till (e.g. S-DEL-T1). */
  enrolment: (tillId: string) => string;
  /**
   * Stops the hub and starts it again on the same data directory and port; `whileStopped`
   * runs in between (PGlite lets one process at a time open the directory).
   */
  restart: (whileStopped?: () => Promise<void>) => Promise<void>;
};

const hubArgs = (dataDir: string, port: string, sms: SmsSink, extra: readonly string[]) => [
  'hub',
  '--data',
  dataDir,
  '--port',
  port,
  '--demo',
  '--sms-url',
  sms.url,
  '--notify-interval-seconds',
  '2',
  ...extra,
];

/**
 * `counterfoil hub --demo` on a fresh PGlite directory, with the SMS sink as its gateway and a
 * two-second notification tick, serving the built UI. Tills follow it with `--enrol CODE`.
 */
export const startHub = async (extra: readonly string[] = []): Promise<Hub> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterfoil-e2e-hub-'));
  const sms = await startSmsSink();
  let proc: CliProcess;
  try {
    proc = await startCli(hubArgs(dataDir, '0', sms, extra));
  } catch (error) {
    await sms.close();
    removeDataDir(dataDir);
    throw error;
  }
  const port = new URL(proc.url).port;
  const firstLog = proc.log();
  return {
    get url() {
      return proc.url;
    },
    log: () => proc.log(),
    stop: async () => {
      await proc.stop();
      await sms.close();
    },
    restart: async (whileStopped) => {
      await proc.stop();
      try {
        await whileStopped?.();
      } finally {
        proc = await startCli(hubArgs(dataDir, port, sms, extra));
      }
    },
    dataDir,
    sms,
    credentials: (role) => demoCredentials(role, firstLog),
    token: (role) => apiToken(proc.url, demoCredentials(role, firstLog)),
    enrolment: (tillId) => {
      const code = new RegExp(`enrolment code for till ${tillId} \\(store [^)]+\\): (\\S+)`).exec(
        firstLog,
      )?.[1];
      if (!code) throw new Error(`the hub printed no enrolment code for ${tillId}:\n${firstLog}`);
      return code;
    },
  };
};

/** One demo hub per worker, started only by the tests that ask for it. */
export const test = base.extend<object, { hub: Hub }>({
  hub: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hub = await startHub();
      await use(hub);
      await hub.stop();
      removeDataDir(hub.dataDir);
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

export { expect };

/** Signs in through the screen at any app (hub or till) and waits for the start screen. */
export const signInAt = async (page: Page, url: string, who: Credentials): Promise<void> => {
  await page.goto(`${url}/#/sign-in`);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
};

export type FollowingTill = CliProcess & { dataDir: string };

/**
 * A till that follows a hub (`counterfoil till --hub URL --enrol CODE`) on a fresh data
 * directory. Sync rounds every second keep the test short; a 10 s hub timeout keeps a busy
 * machine from sending an online redemption offline by mistake.
 */
export const startFollowingTill = async (hubUrl: string, enrol: string): Promise<FollowingTill> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterfoil-e2e-till-'));
  let proc: CliProcess;
  try {
    proc = await startCli([
      'till',
      '--data',
      dataDir,
      '--port',
      '0',
      '--hub',
      hubUrl,
      '--enrol',
      enrol,
      '--sync-interval',
      '1000',
      '--hub-timeout',
      '10000',
    ]);
  } catch (error) {
    removeDataDir(dataDir);
    throw error;
  }
  return {
    ...proc,
    dataDir,
    stop: async () => {
      await proc.stop();
      removeDataDir(dataDir);
    },
  };
};
