import { afterEach, beforeEach, expect, it } from 'vitest';
import { SendFailure } from '#shared/notifications/types';
import { defaultBackoff } from '#shared/notifications/schedule';
import { claimNext } from '#shared/services/notifications/claim';
import { recordOutcome } from '#shared/services/notifications/record';
import { testContext } from '../services/support/context';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import { HOUR, T0, issue, makeOffer, recordingChannels, scheduler, seedWorld } from './support';

/** One SMS reminder, due 14 Mar 2025 10:00 IST (04:30Z), for Ana only. */
async function oneReminder(db: TestDb) {
  const t = testContext(db.sql, T0);
  await seedWorld(t.ctx);
  t.setNow(new Date(Date.parse(T0) + 9 * HOUR));
  const offer = await makeOffer(t.ctx, {
    issuance: {
      expiryReminders: [
        {
          daysBefore: 3,
          channel: 'SMS',
          sendTime: '10:00',
          template: 'Use {code}',
          allowUnicode: false,
        },
      ],
    },
  });
  const coupon = await issue(t.ctx, offer.id, 'ana@example.com');
  return { t, offer, coupon, clock: () => t.ctx.now() };
}

const attempts = (db: TestDb) =>
  db.sql.query<{ attempt: number; outcome: string; error: string | null }>(
    'SELECT attempt, outcome, error FROM notification_attempts ORDER BY attempt',
  );
const job = async (db: TestDb) =>
  (
    await db.sql.query<{
      status: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: string;
      sent_at: string | null;
      provider_id: string | null;
      message_text: string | null;
    }>(
      'SELECT status, attempts, last_error, next_attempt_at, sent_at, provider_id, message_text FROM notification_jobs',
    )
  )[0];

eachDialect('notifications: outbox, retries and crashes', (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await freshDb(dialect);
  });
  afterEach(() => db.close());

  it('retries a refused connection with exponential backoff, then records the success', async () => {
    const { t, clock, coupon } = await oneReminder(db);
    const rec = recordingChannels(clock);
    let failuresLeft = 2;
    rec.failures.next = () =>
      failuresLeft-- > 0 ? new SendFailure('RETRYABLE', 'ECONNREFUSED 127.0.0.1:9') : null;
    const tick = scheduler(db.sql, clock, rec.channels);
    t.setNow('2025-03-14T04:30:00Z');
    expect(await tick()).toMatchObject({ retried: 1, sent: 0 });
    expect(await job(db)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      next_attempt_at: '2025-03-14T04:31:00.000Z',
      last_error: expect.stringContaining('Attempt 1 of 5 failed: ECONNREFUSED'),
    });
    // Not before the backoff has passed.
    t.setNow('2025-03-14T04:30:59Z');
    expect(await tick()).toMatchObject({ retried: 0, sent: 0 });
    t.setNow('2025-03-14T04:31:00Z');
    expect(await tick()).toMatchObject({ retried: 1 });
    expect((await job(db))?.next_attempt_at).toBe('2025-03-14T04:33:00.000Z');
    t.setNow('2025-03-14T04:33:00Z');
    expect(await tick()).toMatchObject({ sent: 1 });
    expect(await job(db)).toMatchObject({
      status: 'SENT',
      attempts: 3,
      last_error: null,
      sent_at: '2025-03-14T04:33:00.000Z',
      provider_id: 'sms-1',
      message_text: `Use ${coupon.code}`,
    });
    expect(rec.sent).toHaveLength(1);
    expect((await attempts(db)).map((a) => a.outcome)).toEqual(['RETRY', 'RETRY', 'SENT']);
  });

  it('gives up after the maximum attempts and says so', async () => {
    const { t, clock } = await oneReminder(db);
    const rec = recordingChannels(clock);
    rec.failures.next = () => new SendFailure('RETRYABLE', '421 try later');
    const tick = scheduler(db.sql, clock, rec.channels, 'i', { maxAttempts: 3 });
    t.setNow('2025-03-10T04:00:00Z');
    await tick();
    t.setNow('2025-03-14T04:30:00Z');
    for (let i = 0; i < 6; i++) {
      await tick();
      t.advance(HOUR);
    }
    expect(await job(db)).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      last_error: 'Gave up after 3 attempts: 421 try later',
    });
  });

  it('fails at once, with the reason, when the provider refuses for good or the outcome is unknown', async () => {
    const { t, clock } = await oneReminder(db);
    const rec = recordingChannels(clock);
    rec.failures.next = () => new SendFailure('PERMANENT', 'HTTP 400: invalid number');
    const tick = scheduler(db.sql, clock, rec.channels);
    t.setNow('2025-03-14T05:00:00Z');
    expect(await tick()).toMatchObject({ failed: 1 });
    expect(await job(db)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      last_error: 'Refused by the provider: HTTP 400: invalid number',
    });
    await db.sql.query("UPDATE notification_jobs SET status = 'PENDING', attempts = 0");
    await db.sql.query('DELETE FROM notification_attempts');
    rec.failures.next = () => new SendFailure('UNCERTAIN', 'socket hang up');
    expect(await tick()).toMatchObject({ failed: 1 });
    expect((await job(db))?.last_error).toMatch(
      /^Outcome unknown: .*Not retried.*\(socket hang up\)$/,
    );
    t.advance(24 * HOUR);
    expect(await tick()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect((await attempts(db)).map((a) => a.outcome)).toEqual(['UNKNOWN']);
  });

  it('a scheduler that died after claiming never causes a second send (at-most-once)', async () => {
    const { t, clock } = await oneReminder(db);
    const rec = recordingChannels(clock);
    t.setNow('2025-03-13T00:00:00Z');
    await scheduler(db.sql, clock, rec.channels, 'dead')();
    // The dead instance claimed the job (and may have handed it over) but recorded nothing.
    t.setNow('2025-03-14T04:30:00Z');
    const claim = await claimNext(db.sql, {
      now: clock().toISOString(),
      instanceId: 'dead',
      channels: ['SMS'],
      orgZone: 'Asia/Kolkata',
    });
    expect(claim?.outcome).toBe('CLAIMED');
    expect(await job(db)).toMatchObject({ status: 'SENDING', attempts: 1 });
    // A fresh claim is left alone while it could still be in flight…
    const next = scheduler(db.sql, clock, rec.channels, 'restarted', { staleAfterMs: 60_000 });
    expect(await next()).toMatchObject({ recovered: 0, sent: 0 });
    expect((await job(db))?.status).toBe('SENDING');
    // …and once stale it is recorded as unknown, not sent again.
    const later = scheduler(db.sql, clock, rec.channels, 'restarted', { staleAfterMs: 0 });
    expect(await later()).toMatchObject({ recovered: 1, sent: 0 });
    expect(await job(db)).toMatchObject({
      status: 'FAILED',
      last_error: expect.stringContaining('(the scheduler stopped while sending)'),
    });
    t.advance(HOUR);
    await later();
    expect(rec.sent).toEqual([]);
    expect((await attempts(db)).map((a) => a.outcome)).toEqual(['UNKNOWN']);
  });

  it('a late answer from the original sender replaces the "outcome unknown" guess', async () => {
    const { t, clock } = await oneReminder(db);
    t.setNow('2025-03-13T00:00:00Z');
    await scheduler(db.sql, clock, recordingChannels(clock).channels, 'slow')();
    t.setNow('2025-03-14T04:30:00Z');
    const claim = await claimNext(db.sql, {
      now: clock().toISOString(),
      instanceId: 'slow',
      channels: ['SMS'],
      orgZone: 'Asia/Kolkata',
    });
    if (claim?.outcome !== 'CLAIMED') throw new Error('expected a claim');
    await scheduler(db.sql, clock, recordingChannels(clock).channels, 'other', {
      staleAfterMs: 0,
    })();
    expect((await job(db))?.status).toBe('FAILED');
    const recorded = await recordOutcome(db.sql, {
      job: claim.job,
      instanceId: 'slow',
      startedAt: clock().toISOString(),
      now: clock().toISOString(),
      outcome: { ok: true, providerId: 'late-1' },
      backoff: defaultBackoff,
    });
    expect(recorded).toBe('SENT');
    expect(await job(db)).toMatchObject({
      status: 'SENT',
      last_error: null,
      provider_id: 'late-1',
    });
    expect((await attempts(db)).map((a) => a.outcome)).toEqual(['SENT']);
  });

  it('leaves jobs of an unconfigured channel waiting, with a note, and sends them once it is configured', async () => {
    const { t, clock } = await oneReminder(db);
    const rec = recordingChannels(clock);
    const noSms = scheduler(db.sql, clock, { email: rec.channels.email, sms: null });
    t.setNow('2025-03-14T05:00:00Z');
    await noSms();
    expect(await job(db)).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      last_error: 'Waiting: no SMS gateway is configured (start the hub with --sms-url)',
    });
    await scheduler(db.sql, clock, rec.channels)();
    expect(await job(db)).toMatchObject({ status: 'SENT', last_error: null });
  });

  it('two schedulers ticking at once send each message once', async () => {
    const { t, clock } = await oneReminder(db);
    for (const email of ['omar@example.com', 'zoe@example.com']) {
      const offerId = (await db.sql.query<{ id: string }>('SELECT id FROM offers'))[0]
        ?.id as string;
      await issue(t.ctx, offerId, email);
    }
    const rec = recordingChannels(clock);
    t.setNow('2025-03-14T08:00:00Z');
    await Promise.all([
      scheduler(db.sql, clock, rec.channels, 'a')(),
      scheduler(db.sql, clock, rec.channels, 'b')(),
    ]);
    await scheduler(db.sql, clock, rec.channels, 'c')();
    expect(rec.sent.map((s) => s.to).sort()).toEqual([
      '+919800000001',
      '+919800000003',
      '+971500000002',
    ]);
  });
});
