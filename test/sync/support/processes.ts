/**
 * Real processes for the sync suite: `node bin/counterfoil.mjs hub …` and `… till …`, each a
 * child process on loopback, plus helpers to prepare the hub's database beforehand (through
 * the real services, in this process) and to wait for conditions over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiClient } from '#shared/api/client';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import { createHttpClient } from '#shared/api/http-client';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { createHandlers } from '#shared/services/handlers';
import { createEnrolment } from '#shared/services/sync/hub/devices';
import type { SqlPort } from '#shared/sql/port';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

export type Proc = {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: string[];
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<string>;
  kill(signal: NodeJS.Signals): Promise<string>;
};

/** Starts `counterfoil <args>` and resolves once it prints "running at URL". */
export function spawnCli(args: string[], timeoutMs = 120_000): Promise<Proc> {
  const child = spawn(process.execPath, ['bin/counterfoil.mjs', ...args], {
    cwd: repo,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`counterfoil ${args[0]} did not start in ${timeoutMs} ms:\n${output.join('')}`),
      );
    }, timeoutMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      const match = /running at (http:\/\/\S+)/.exec(output.join(''));
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        resolve({
          child,
          url: match[1] as string,
          output,
          exited,
          kill: async (signal) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (!started) {
        clearTimeout(timer);
        reject(
          new Error(`counterfoil ${args[0]} exited (${code}) before starting:\n${output.join('')}`),
        );
      }
    });
  });
}

export const CASHIER = { username: 'cashier', password: 'cashier-pass-1' };
export const ADMIN = { username: 'admin', password: 'admin-pass-1' };
export const TILLS = ['T1', 'T2', 'T3'] as const;

export type HubSeed = {
  raceCodes: string[];
  raceOfferId: string;
  cappedOfferId: string;
  freeOfferId: string;
  enrolment: Record<string, string>;
};

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/**
 * Loads what the scenarios need into a hub database before the hub starts: org (store S1 with
 * tills T1–T3), a cashier and an admin (cheap password hashing), three offers synced to every
 * store, coupons, and one enrolment code per till.
 */
export async function seedHub(sql: SqlPort): Promise<HubSeed> {
  const system: Principal = { kind: 'system' };
  const d = bindDispatch(createDispatcher(createHandlers()), {
    sql,
    now: () => new Date(),
    host: 'hub',
  });
  const call = async <K extends OperationName>(name: K, input: OpInput<K>) =>
    (await d(name, input, system)) as OpOutput<K>;
  await call('org-create', { id: 'C1', type: 'CONCEPT', name: 'Concept' });
  await call('org-create', { id: 'Z1', type: 'ZONE', name: 'Zone', parentId: 'C1' });
  await call('org-create', {
    id: 'S1',
    type: 'STORE',
    name: 'Store',
    parentId: 'Z1',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
  });
  for (const t of TILLS)
    await call('org-create', { id: t, type: 'TILL', name: `Till ${t}`, parentId: 'S1' });
  const now = new Date();
  // Full-strength hashes: only those reach a till, and these tests sign in at tills while
  // their hub is down.
  await Promise.all([
    ensureUser(sql, { ...CASHIER, role: 'cashier', storeIds: ['S1'], now }),
    ensureUser(sql, { ...ADMIN, role: 'admin', storeIds: null, now }),
  ]);
  const base = {
    expiry: { type: 'FIXED_DATE' as const, endsAt: inDays(30) },
    discount: { type: 'FIXED' as const, amount: '10', currency: 'INR' },
    syncToInStore: { enabled: true, scope: [] },
  };
  const race = await call('offers-create', {
    ...base,
    name: 'Single use',
    codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
    redemption: { allowAnyone: true, moreThanOnce: true, codeLimit: 1 },
  });
  const capped = await call('offers-create', {
    ...base,
    name: 'Capped at 100',
    codeGeneration: { method: 'COMMON', code: 'CAP100' },
    redemption: { allowAnyone: true, moreThanOnce: true, seriesLimit: 100 },
  });
  const free = await call('offers-create', {
    ...base,
    name: 'Unlimited',
    codeGeneration: { method: 'COMMON', code: 'FREEDAY' },
    redemption: { allowAnyone: true, moreThanOnce: true },
  });
  const raceCodes: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    await call('customers-create', { userId: String(9000 + i), registeredAt: inDays(-50) });
    raceCodes.push(
      (await call('coupons-issue', { id: race.id, customer: { userId: String(9000 + i) } })).coupon
        .code,
    );
  }
  await call('coupons-issue', { id: capped.id, customer: { userId: '9000' } });
  await call('coupons-issue', { id: free.id, customer: { userId: '9000' } });
  const enrolment: Record<string, string> = {};
  for (const t of TILLS) {
    enrolment[t] = (
      await createEnrolment(sql, { tillId: t, storeId: 'S1', ttlHours: 24 }, system, now)
    ).code;
  }
  return {
    raceCodes,
    raceOfferId: race.id,
    cappedOfferId: capped.id,
    freeOfferId: free.id,
    enrolment,
  };
}

/** Signs in at a till or hub once its user list has arrived; retries until then. */
export async function signIn(
  url: string,
  who: { username: string; password: string },
  timeoutMs = 60_000,
): Promise<ApiClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { token } = await createHttpClient(url).send('auth-login', who);
      return createHttpClient(url, token);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Polls until `check` answers true (errors count as "not yet"). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
