import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import { createHttpClient } from '#shared/api/http-client';
import type { OpOutput } from '#shared/api/operations';
import { newId } from '#shared/services/shared/ids';
import type { PushedFact } from '#shared/sync/facts';
import { postgresAvailable } from '../../helpers/db';
import { ADMIN, CASHIER } from '../../sync/support/processes';
import {
  BULK_CUSTOMERS,
  FIRST_USER,
  REMINDED,
  startTwoHubs,
  until,
  uploadRuns,
  type TwoHubs,
} from './two-hubs-world';

const reasonsOf = (e: unknown): string[] =>
  e instanceof ApiError
    ? ((e.details as { reasons?: { code: string }[] } | null)?.reasons ?? []).map((r) => r.code)
    : [];

const count = async (w: TwoHubs, sql: string, params: unknown[]): Promise<number> =>
  Number((await w.sql.query<{ n: unknown }>(sql, params))[0]?.n ?? 0);

const csvOf = (first: number, rows: number): string =>
  `userId\n${Array.from({ length: rows }, (_, i) => FIRST_USER + first + i).join('\n')}\n`;

type Upload = OpOutput<'uploads-get'>;

describe.skipIf(!postgresAvailable())('two hub processes on one PostgreSQL', () => {
  let w: TwoHubs;
  let admins: [ApiClient, ApiClient];
  beforeAll(async () => {
    w = await startTwoHubs();
    admins = await bothHubs(ADMIN);
  }, 120_000);

  /** Signed in at the first hub; the session works at the second too: sessions are rows. */
  const bothHubs = async (who: typeof ADMIN): Promise<[ApiClient, ApiClient]> => {
    const { token } = await createHttpClient(w.hubs[0].url).send('auth-login', who);
    return [createHttpClient(w.hubs[0].url, token), createHttpClient(w.hubs[1].url, token)];
  };
  afterAll(async () => {
    await w?.close();
  }, 60_000);

  const offerFor = async (name: string): Promise<string> =>
    (
      await admins[0].send('offers-create', {
        name,
        expiry: {
          type: 'FIXED_DATE',
          endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
        discount: { type: 'FIXED', amount: '10', currency: 'INR' },
        codeGeneration: { method: 'UNIQUE_AUTO', length: 10, charset: 'ALPHANUMERIC' },
        issuance: { maxPerCustomer: 1 },
      })
    ).id;

  it('60 concurrent redemptions of one single-use code over both hubs: exactly one wins', async () => {
    const at = await bothHubs(CASHIER);
    const code = w.seed.raceCodes[0] as string;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        (at[i % 2] as ApiClient).send('redemptions-redeem', {
          code,
          billAmount: '500',
          storeId: 'S1',
          tillId: 'T1',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(reasonsOf(o.reason)).toContain('CODE_LIMIT_REACHED');
    }
    expect(
      await count(w, 'SELECT count(*) AS n FROM redemptions WHERE code = $1 AND offer_id = $2', [
        code,
        w.seed.raceOfferId,
      ]),
    ).toBe(1);
  }, 60_000);

  it('one till pushing every batch to both hubs at once, twice: each fact recorded once', async () => {
    const device = await admins[0].send('sync-register', { tillId: 'T2' });
    const at = [w.hubs[0].url, w.hubs[1].url].map((u) => createHttpClient(u, device.token));
    const [coupon] = await w.sql.query<{ id: string }>(
      'SELECT id FROM coupons WHERE offer_id = $1 LIMIT 1',
      [w.seed.freeOfferId],
    );
    const facts: PushedFact[] = Array.from({ length: 120 }, (_, i) => {
      const id = newId();
      const time = new Date(Date.now() - 60_000 + i).toISOString();
      return {
        tillSeq: i + 1,
        clientId: id,
        kind: 'REDEMPTION',
        deviceTime: time,
        leaseId: null,
        payload: {
          id,
          couponId: coupon?.id,
          offerId: w.seed.freeOfferId,
          code: 'FREEDAY',
          customerId: null,
          storeId: 'S1',
          tillId: 'T2',
          billAmount: '500',
          currency: 'INR',
          discount: '10',
          redeemedAt: time,
        },
      };
    });
    const batches = Array.from({ length: 12 }, (_, b) => facts.slice(b * 10, b * 10 + 10));
    // Every batch, four copies (two per hub), all in flight together: most arrive out of
    // order and are answered resendFrom; the till then resends from what was acknowledged.
    await Promise.all(
      batches.flatMap((batch) =>
        [0, 1, 0, 1].map((h) => at[h]?.send('sync-push', { facts: batch })),
      ),
    );
    for (let round = 0; round < 40; round++) {
      const acked = await count(w, 'SELECT acked_seq AS n FROM sync_devices WHERE id = $1', [
        device.deviceId,
      ]);
      if (acked === facts.length) break;
      const rest = facts.filter((f) => f.tillSeq > acked).slice(0, 40);
      await Promise.all([0, 1].map((h) => at[h]?.send('sync-push', { facts: rest })));
    }
    const ids = facts.map((f) => f.clientId);
    const [ledger] = await w.sql.query<{ n: number; distinct_ids: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct_ids FROM redemptions
        WHERE id = ANY($1::text[])`,
      [ids],
    );
    expect(ledger).toEqual({ n: facts.length, distinct_ids: facts.length });
    expect(
      await count(w, 'SELECT count(*) AS n FROM sync_facts WHERE device_id = $1', [
        device.deviceId,
      ]),
    ).toBe(facts.length);
    expect(
      await count(w, 'SELECT redeemed_count AS n FROM offers WHERE id = $1', [w.seed.freeOfferId]),
    ).toBe(facts.length);
  }, 60_000);

  it('two uploads and the reminders, with both hubs running jobs: every job done once', async () => {
    const offers = [await offerFor('Upload at A'), await offerFor('Upload at B')];
    const rows = 10_000;
    const accepted = await Promise.all(
      admins.map((admin, h) =>
        admin.send('uploads-create', {
          id: offers[h] as string,
          kind: 'CUSTOMERS',
          fileName: `at-${h}.csv`,
          csv: csvOf(h * rows, rows),
        }),
      ),
    );
    await until('both uploads to finish', async () => {
      const states = await Promise.all(
        accepted.map((u) => admins[0].send('uploads-get', { id: u.id })),
      );
      return states.every((s: Upload) => s.status === 'DONE' || s.status === 'FAILED');
    });
    for (const [h, u] of accepted.entries()) {
      expect(await admins[1].send('uploads-get', { id: u.id })).toMatchObject({
        status: 'DONE',
        processedRows: rows,
        okRows: rows,
        errorRows: 0,
      });
      const [issued] = await w.sql.query<{ n: number; customers: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers FROM coupons
          WHERE offer_id = $1`,
        [offers[h]],
      );
      expect(issued).toEqual({ n: rows, customers: rows });
      // Claimed once: one run, from the first row.
      expect(await uploadRuns(w.sql, u.id)).toEqual([
        { runner: expect.stringMatching(/^hub /) as string, resumeAfter: 0 },
      ]);
    }

    // Both schedulers tick every second over the same due reminders.
    await until('every reminder to be handed to SMTP', async () => w.smtp.mails.length >= REMINDED);
    await new Promise((r) => setTimeout(r, 3000));
    expect(w.smtp.mails).toHaveLength(REMINDED);
    expect(new Set(w.smtp.mails.map((m) => m.idempotencyKey)).size).toBe(REMINDED);
    expect(new Set(w.smtp.mails.map((m) => m.to[0])).size).toBe(REMINDED);
    const jobs = await w.sql.query<{ status: string; attempts: number; n: number }>(
      `SELECT status, attempts, count(*)::int AS n FROM notification_jobs WHERE offer_id = $1
        GROUP BY status, attempts`,
      [w.reminderOfferId],
    );
    expect(jobs).toEqual([{ status: 'SENT', attempts: 1, n: REMINDED }]);
    expect(
      await count(
        w,
        `SELECT count(*) AS n FROM notification_attempts a JOIN notification_jobs j ON j.id = a.job_id
          WHERE j.offer_id = $1`,
        [w.reminderOfferId],
      ),
    ).toBe(REMINDED);
    // Neither hub's scheduler or upload runner failed meanwhile (a deadlock would show here).
    for (const hub of w.hubs) {
      expect(hub.output.join('')).not.toMatch(/notifications: (?!email )|\[uploads\]| failed: /);
    }
  }, 60_000);

  it('a hub killed with SIGKILL mid-upload: the other finishes it, each row issued once', async () => {
    const offerId = await offerFor('Killed mid-upload');
    const upload = await admins[0].send('uploads-create', {
      id: offerId,
      kind: 'CUSTOMERS',
      fileName: 'big.csv',
      csv: csvOf(0, BULK_CUSTOMERS),
    });
    await until(
      'the upload to be two batches in',
      async () => {
        const u = await admins[0].send('uploads-get', { id: upload.id });
        return u.processedRows >= 10_000;
      },
      45_000,
      20,
    );
    // Whichever hub claimed it is the one to kill.
    const [first] = await uploadRuns(w.sql, upload.id);
    const pid = Number(/:(\d+)$/.exec(first?.runner ?? '')?.[1]);
    const victim = w.hubs.findIndex((h) => h.child.pid === pid);
    expect(victim).toBeGreaterThanOrEqual(0);
    await w.hubs[victim]?.kill('SIGKILL');
    const survivor = admins[1 - victim] as ApiClient;
    const atKill = (await survivor.send('uploads-get', { id: upload.id })).processedRows;
    expect(atKill).toBeLessThan(BULK_CUSTOMERS);

    await until('the survivor to finish it', async () => {
      const u = await survivor.send('uploads-get', { id: upload.id });
      return u.status === 'DONE' || u.status === 'FAILED';
    });
    expect(await survivor.send('uploads-get', { id: upload.id })).toMatchObject({
      status: 'DONE',
      processedRows: BULK_CUSTOMERS,
      okRows: BULK_CUSTOMERS,
      errorRows: 0,
    });
    const [issued] = await w.sql.query<{ n: number; customers: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers FROM coupons
        WHERE offer_id = $1`,
      [offerId],
    );
    expect(issued).toEqual({ n: BULK_CUSTOMERS, customers: BULK_CUSTOMERS });
    const runs = await uploadRuns(w.sql, upload.id);
    expect(runs).toHaveLength(2);
    expect(runs[1]?.runner).not.toBe(runs[0]?.runner);
    // From the last batch the killed hub committed (one may have landed as it died).
    expect(runs[1]?.resumeAfter).toBeGreaterThanOrEqual(atKill);
    expect((runs[1]?.resumeAfter ?? 1) % 5000).toBe(0);
  }, 90_000);
});
