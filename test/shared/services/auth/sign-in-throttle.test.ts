import { webcrypto } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type DispatchContext } from '#shared/api/dispatch';
import { ApiError } from '#shared/api/errors';
import { authHandlers } from '#shared/services/auth/handlers';
import { ensureUser } from '#shared/services/auth/ensure-user';
import { delayAfter, pruneThrottle, THROTTLE } from '#shared/services/auth/sign-in-throttle';
import { createRecordingHandlers } from '../../api/fake-handlers';
import { eachDialect, freshDb, type TestDb } from '../../../helpers/db';

const start = new Date('2025-03-10T06:30:00.000Z');

const outcome = async (p: Promise<unknown>): Promise<ApiError | 'ok'> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
};

describe('sign-in throttle: the delay schedule', () => {
  it('is free for 5 username attempts, then 1 s doubling to a 15-minute cap', () => {
    expect(delayAfter('username', 4)).toBe(0);
    expect(delayAfter('username', 5)).toBe(1000);
    expect(delayAfter('username', 6)).toBe(2000);
    expect(delayAfter('username', 9)).toBe(16_000);
    expect(delayAfter('username', 15)).toBe(15 * 60_000);
    expect(delayAfter('username', 100_000)).toBe(15 * 60_000);
    // An address is shared by a store's or office's people, so it gets more room first.
    expect(delayAfter('address', 19)).toBe(0);
    expect(delayAfter('address', 20)).toBe(1000);
  });
});

eachDialect('sign-in throttle', (dialect) => {
  let db: TestDb;
  let clock = start.getTime();
  const dispatch = createDispatcher({ ...createRecordingHandlers().handlers, ...authHandlers });
  const ctx = (clientAddress?: string): DispatchContext => ({
    sql: db.sql,
    principal: null,
    now: () => new Date(clock),
    host: 'hub',
    clientAddress,
  });
  const login = (username: string, password: string, address?: string) =>
    outcome(dispatch('auth-login', { username, password }, ctx(address)));
  const codes = async (n: number, username: string, password: string, address?: string) => {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const r = await login(username, password, address);
      out.push(r === 'ok' ? 'ok' : r.code);
    }
    return out;
  };

  beforeAll(async () => {
    db = await freshDb(dialect);
    for (const username of ['ana', 'bea', 'cai']) {
      await ensureUser(db.sql, {
        username,
        password: `${username}-password`,
        role: 'cashier',
        iterations: 1000,
      });
    }
  });
  afterAll(() => db.close());
  afterEach(() => vi.restoreAllMocks());

  it('answers the 6th wrong password with 429 and Retry-After, even the right one', async () => {
    expect(await codes(5, 'ana', 'wrong', '10.0.0.1')).toEqual(Array(5).fill('UNAUTHENTICATED'));
    const sixth = await login('ana', 'wrong', '10.0.0.1');
    expect(sixth).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    expect((sixth as ApiError).status).toBe(429);
    // Inside the delay nothing is tried at all: the right password would be a free guess.
    expect(await login('ana', 'ana-password', '10.0.0.1')).toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('throttles the username from any other address too', async () => {
    expect(await login('ana', 'ana-password', '192.0.2.77')).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(await login('ana', 'ana-password')).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('moves with the injected clock: the delay lapses, then doubles', async () => {
    clock += 1000;
    expect(await login('ana', 'wrong', '10.0.0.1')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await login('ana', 'wrong', '10.0.0.1')).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 2 },
    });
    clock += 1999;
    expect(await login('ana', 'wrong', '10.0.0.1')).toMatchObject({ code: 'RATE_LIMITED' });
    clock += 1;
    expect(await login('ana', 'ana-password', '10.0.0.1')).toBe('ok');
  });

  it('clears the username after a success: five fresh tries before the next delay', async () => {
    expect(await codes(5, 'ana', 'wrong', '10.0.0.1')).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(await login('ana', 'wrong', '10.0.0.1')).toMatchObject({ code: 'RATE_LIMITED' });
    clock += THROTTLE.windowMs;
  });

  it('hashes nothing for a refused attempt, not even the decoy of an unknown user', async () => {
    expect(await codes(5, 'nobody', 'wrong', '10.0.0.2')).toEqual(Array(5).fill('UNAUTHENTICATED'));
    const derive = vi.spyOn(webcrypto.subtle, 'deriveBits');
    expect(await login('nobody', 'wrong', '10.0.0.2')).toMatchObject({ code: 'RATE_LIMITED' });
    expect(derive).not.toHaveBeenCalled();
    // The spy does see the decoy: the same unknown name, allowed, derives one key.
    clock += THROTTLE.windowMs;
    expect(await login('nobody', 'wrong', '10.0.0.2')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(derive).toHaveBeenCalledTimes(1);
    clock += THROTTLE.windowMs;
  });

  it('throttles an address that tries many usernames, but not its successful sign-ins', async () => {
    const address = '198.51.100.9';
    for (let i = 0; i < 3; i += 1) {
      expect(await login('bea', 'bea-password', address)).toBe('ok');
    }
    const guesses: string[] = [];
    for (let i = 0; i < THROTTLE.addressFreeAttempts; i += 1) {
      const r = await login(`guess${i}`, 'wrong', address);
      guesses.push(r === 'ok' ? 'ok' : r.code);
    }
    expect(guesses).toEqual(Array(THROTTLE.addressFreeAttempts).fill('UNAUTHENTICATED'));
    expect(await login('cai', 'cai-password', address)).toMatchObject({ code: 'RATE_LIMITED' });
    // The same person from elsewhere is not held up by that address.
    expect(await login('cai', 'cai-password', '198.51.100.10')).toBe('ok');
    clock += THROTTLE.windowMs;
  });

  it('counts a burst of parallel attempts one by one: only 5 reach the password check', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => login('bea', 'wrong', '203.0.113.5')),
    );
    const tally = attempts.map((r) => (r === 'ok' ? 'ok' : r.code)).sort();
    expect(tally).toEqual([...Array(7).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);
    clock += THROTTLE.windowMs;
  });

  it('keeps IPv6 attempts per /64, so fresh addresses in one network share a counter', async () => {
    for (let i = 1; i <= 5; i += 1) {
      expect(await login('cai', 'wrong', `2001:db8:1:2::${i}`)).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
    const rows = await db.sql.query<{ subject: string; attempts: number }>(
      `SELECT subject, attempts FROM sign_in_throttle WHERE scope = 'address' AND subject LIKE '2001%'`,
    );
    expect(rows).toEqual([{ subject: '2001:db8:1:2::/64', attempts: 5 }]);
    clock += THROTTLE.windowMs;
  });

  it('prunes quiet counters and caps the table, so made-up names cannot grow it', async () => {
    await pruneThrottle(db.sql, new Date(clock));
    const count = async () =>
      Number(
        (await db.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM sign_in_throttle'))[0]?.n,
      );
    expect(await count()).toBe(0);
    // A flood from the last half hour, one second apart: more rows than the cap.
    const flood = THROTTLE.maxRows + 500;
    await db.sql.query(
      `INSERT INTO sign_in_throttle (scope, subject, attempts, last_attempt_at)
       SELECT 'username', 'flood' || g, 1, $1::timestamptz - make_interval(secs => g / 30.0)
         FROM generate_series(1, $2::int) g`,
      [new Date(clock).toISOString(), flood],
    );
    expect(await login('newcomer', 'wrong', '10.9.9.9')).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await count()).toBeLessThanOrEqual(THROTTLE.maxRows + 1);
    // The newest counters are the ones kept.
    const kept = await db.sql.query(
      `SELECT 1 FROM sign_in_throttle WHERE scope = 'username' AND subject IN ('newcomer', 'flood1')`,
    );
    expect(kept).toHaveLength(2);
  });
});
