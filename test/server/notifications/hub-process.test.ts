import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGateway, startFakeSmtp, type FakeGateway, type FakeSmtp } from './fake-providers';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'counterfoil.mjs');

type Hub = {
  child: ChildProcessWithoutNullStreams;
  url: string;
  out: () => string;
  exited: Promise<unknown>;
};

/** `counterfoil hub` as a real process, its clock `offsetDays` in the future. */
async function startHubProcess(
  dir: string,
  smtp: FakeSmtp,
  gw: FakeGateway,
  offsetDays: number,
): Promise<Hub> {
  const child = spawn(
    process.execPath,
    [
      bin,
      'hub',
      '--port',
      '0',
      '--data',
      dir,
      '--demo',
      '--smtp-url',
      smtp.url,
      '--sms-url',
      gw.url,
      '--sms-auth-header',
      'Authorization: Bearer gw-token',
      '--clock-offset-days',
      String(offsetDays),
      '--notify-interval-seconds',
      '1',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1] as string);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`hub exited early (${String(code)}): ${out}`));
    });
  });
  return { child, url, out: () => out, exited };
}

async function api<T>(
  hub: Hub,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${hub.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function signIn(hub: Hub): Promise<string> {
  const m = /demo sign-in: (\S+) \/ (\S+) \(admin\)/.exec(hub.out());
  if (!m) throw new Error(`no admin sign-in printed: ${hub.out()}`);
  const out = await api<{ token: string }>(hub, 'POST', '/auth/login', null, {
    username: m[1],
    password: m[2],
  });
  return out.token;
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

type Log = { items: { kind: string; status: string; channel: string; recipient: string | null }[] };

describe('counterfoil hub: notifications survive kill -9 and restarts', () => {
  let smtp: FakeSmtp;
  let gw: FakeGateway;
  let dir: string;
  beforeAll(async () => {
    [smtp, gw] = await Promise.all([startFakeSmtp(), startFakeGateway()]);
    dir = await mkdtemp(join(tmpdir(), 'cf-hub-notify-'));
  });
  afterAll(async () => {
    await Promise.all([smtp.close(), gw.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('sends each reminder once across a kill -9 and time-travelling restarts', async () => {
    // Day D: configure and issue. Reminders at 00:00 org time 3 and 1 days before the coupon's
    // last day (D+5), so they fall due on D+2 and D+4 whatever time of day the test runs.
    let hub = await startHubProcess(dir, smtp, gw, 0);
    let offerId = '';
    const codes: string[] = [];
    try {
      const token = await signIn(hub);
      for (const [i, mobile] of ['+919811100001', '+919811100002'].entries()) {
        await api(hub, 'POST', '/customers', token, {
          name: `Hub Customer ${i + 1}`,
          email: `hub.customer${i + 1}@example.com`,
          mobile,
        });
      }
      const offer = await api<{ id: string }>(hub, 'POST', '/offers', token, {
        name: 'Hub reminders',
        expiry: {
          type: 'FIXED_DATE',
          endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
        discount: { type: 'FIXED', amount: '50', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
        couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 5 },
        issuance: {
          expiryReminders: [
            {
              daysBefore: 3,
              channel: 'SMS',
              sendTime: '00:00',
              template: 'Code {code} ends {expiry_date}',
              allowUnicode: false,
            },
            {
              daysBefore: 1,
              channel: 'EMAIL',
              sendTime: '00:00',
              template: 'Last call for {code}',
              allowUnicode: false,
            },
          ],
        },
      });
      offerId = offer.id;
      for (const i of [1, 2]) {
        const issued = await api<{ coupon: { code: string } }>(
          hub,
          'POST',
          `/offers/${offerId}/coupons`,
          token,
          {
            customer: { email: `hub.customer${i}@example.com` },
          },
        );
        codes.push(issued.coupon.code);
      }
      // Nothing is due on day D.
      await new Promise((r) => setTimeout(r, 3000));
      expect(gw.requests).toHaveLength(0);
    } finally {
      hub.child.kill('SIGKILL');
      await hub.exited;
    }

    // Day D+3: the SMS reminders are due. Killed with -9 right after they went out.
    hub = await startHubProcess(dir, smtp, gw, 3);
    try {
      await until('two SMS', () => gw.requests.length >= 2);
      const token = await signIn(hub);
      await until('SMS recorded as sent', async () => {
        const log = await api<Log>(hub, 'GET', `/offers/${offerId}/notifications`, token);
        return log.items.filter((i) => i.status === 'SENT').length === 2;
      });
    } finally {
      hub.child.kill('SIGKILL');
      await hub.exited;
    }

    // Still D+3 after the crash: nothing is sent again.
    hub = await startHubProcess(dir, smtp, gw, 3);
    try {
      await new Promise((r) => setTimeout(r, 4000));
      expect(gw.requests).toHaveLength(2);
      expect(smtp.mails).toHaveLength(0);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }

    // D+5 (the coupon's last day): the email reminders go out, once.
    hub = await startHubProcess(dir, smtp, gw, 5);
    try {
      await until('two emails', () => smtp.mails.length >= 2);
      await new Promise((r) => setTimeout(r, 3000));
      const token = await signIn(hub);
      const log = await api<Log>(hub, 'GET', `/offers/${offerId}/notifications`, token);
      expect(log.items.map((i) => [i.kind, i.channel, i.status]).sort()).toEqual([
        ['COUPON_EXPIRY', 'EMAIL', 'SENT'],
        ['COUPON_EXPIRY', 'EMAIL', 'SENT'],
        ['COUPON_EXPIRY', 'SMS', 'SENT'],
        ['COUPON_EXPIRY', 'SMS', 'SENT'],
      ]);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
    expect(gw.requests.map((r) => r.body.to).sort()).toEqual(['+919811100001', '+919811100002']);
    expect(gw.requests.map((r) => r.body.text.split(' ')[1]).sort()).toEqual([...codes].sort());
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([
      'hub.customer1@example.com',
      'hub.customer2@example.com',
    ]);
    expect(smtp.mails.map((m) => m.text).sort()).toEqual(
      codes.map((c) => `Last call for ${c}`).sort(),
    );
  }, 600_000);
});
