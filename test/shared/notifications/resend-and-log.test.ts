import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDispatcher } from '#shared/api/dispatch';
import type { HandlerContext } from '#shared/api/handlers';
import type { Principal } from '#shared/api/roles';
import { SendFailure } from '#shared/notifications/types';
import { createHandlers } from '#shared/services/handlers';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import { backOffice, testContext } from '../services/support/context';
import { HOUR, T0, issue, makeOffer, recordingChannels, scheduler, seedWorld } from './support';

const resendSms = {
  enabled: true,
  content: 'Hi {customer_name}, your {offer_name} code is {code}, valid till {expiry_date}',
  allowUnicode: false,
};

const errorOf = async (p: Promise<unknown>) => {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { code?: string; message?: string } | null;
  expect(e).not.toBeNull();
  return e as { code: string; message: string };
};

eachDialect('notifications: resend a coupon, and the notification log', (dialect) => {
  let db: TestDb;
  let t: ReturnType<typeof testContext>;
  const dispatch = createDispatcher(createHandlers());
  const call = (
    name: 'coupons-resend' | 'notifications-list',
    input: unknown,
    principal: Principal = backOffice,
  ) => dispatch(name, input, { ...t.ctx, principal } satisfies HandlerContext);

  beforeEach(async () => {
    db = await freshDb(dialect);
    t = testContext(db.sql, T0);
    await seedWorld(t.ctx);
    t.setNow(new Date(Date.parse(T0) + 9 * HOUR));
  });
  afterEach(() => db.close());

  it('queues one SMS with the offer\u2019s resend text and sends it on the next tick', async () => {
    const offer = await makeOffer(t.ctx, { issuance: { resendSms } });
    const coupon = await issue(t.ctx, offer.id, 'ana@example.com');
    const queued = (await call('coupons-resend', { id: coupon.id })) as {
      notification: Record<string, unknown>;
    };
    expect(queued.notification).toMatchObject({
      kind: 'RESEND',
      channel: 'SMS',
      status: 'PENDING',
      recipient: '+919800000001',
      couponCode: coupon.code,
      attempts: 0,
    });
    // This context names no channels: the answer does not claim to know.
    expect((queued as { smsGateway?: unknown }).smsGateway).toBeNull();
    // A second click while it waits does not message the customer twice.
    const twice = await errorOf(call('coupons-resend', { id: coupon.id }));
    expect(twice).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already queued'),
    });

    const rec = recordingChannels(() => t.ctx.now());
    await scheduler(db.sql, () => t.ctx.now(), rec.channels)();
    expect(rec.sent).toEqual([
      {
        at: '2025-03-10T03:30:00.000Z',
        channel: 'SMS',
        to: '+919800000001',
        text: `Hi Ana, your Holi 100 off code is ${coupon.code}, valid till 17 Mar 2025`,
      },
    ]);
    // Once sent, the customer may ask again.
    t.advance(HOUR);
    await call('coupons-resend', { id: coupon.id });
    await scheduler(db.sql, () => t.ctx.now(), rec.channels)();
    expect(rec.sent).toHaveLength(2);

    const log = (await call('notifications-list', { id: offer.id })) as {
      items: Record<string, unknown>[];
      counts: Record<string, number>;
    };
    expect(log.counts).toEqual({ PENDING: 0, SENDING: 0, SENT: 2, FAILED: 0, SKIPPED: 0 });
    expect(log.items.map((i) => [i.kind, i.status, i.reminderIndex, i.sentAt])).toEqual([
      ['RESEND', 'SENT', 2, '2025-03-10T04:30:00.000Z'],
      ['RESEND', 'SENT', 1, '2025-03-10T03:30:00.000Z'],
    ]);
    expect(log.items[1]).toMatchObject({
      text: `Hi Ana, your Holi 100 off code is ${coupon.code}, valid till 17 Mar 2025`,
      subject: null,
      attempts: 1,
      lastError: null,
    });
  });

  it('refuses when the offer does not allow it, the coupon is not active, or there is no mobile', async () => {
    const plain = await makeOffer(t.ctx);
    const c1 = await issue(t.ctx, plain.id, 'ana@example.com');
    expect(await errorOf(call('coupons-resend', { id: c1.id }))).toMatchObject({
      code: 'RULE_FAILED',
      message: expect.stringContaining(
        'does not allow resending coupons; enable "SMS content for resending the coupon"',
      ),
    });
    const offer = await makeOffer(t.ctx, { issuance: { resendSms } });
    const c2 = await issue(t.ctx, offer.id, 'ana@example.com');
    await db.sql.query("UPDATE coupons SET state = 'REVOKED' WHERE id = $1", [c2.id]);
    expect(await errorOf(call('coupons-resend', { id: c2.id }))).toMatchObject({
      code: 'RULE_FAILED',
      message: `Coupon ${c2.code} is revoked; only an issued, active coupon can be resent`,
    });
    const c3 = await issue(t.ctx, offer.id, 'mira@example.com');
    expect(await errorOf(call('coupons-resend', { id: c3.id }))).toMatchObject({
      code: 'RULE_FAILED',
      message: expect.stringContaining('has no mobile number'),
    });
    expect(await errorOf(call('coupons-resend', { id: 'no-such-coupon' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const cashier: Principal = { ...backOffice, role: 'cashier' } as Principal;
    expect(await errorOf(call('coupons-resend', { id: c3.id }, cashier))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const till = await errorOf(
      dispatch('coupons-resend', { id: c3.id }, { ...t.ctx, host: 'till' }),
    );
    expect(till.code).toBe('UNAVAILABLE');
  });

  it('refuses, when the offer is saved, SMS text a plain SMS cannot carry', async () => {
    const e = (await errorOf(
      makeOffer(t.ctx, {
        issuance: { resendSms: { enabled: true, content: 'Code {code} ₹', allowUnicode: false } },
      }),
    )) as unknown as { code: string; details: { path: string; message: string }[] };
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details).toEqual([
      expect.objectContaining({
        path: 'issuance.resendSms.content',
        code: 'NON_GSM_CHARACTER',
        message: expect.stringContaining('"₹" at position 13'),
      }),
    ]);
  });

  it('shows failures and skips with their reasons, filtered by status', async () => {
    const offer = await makeOffer(t.ctx);
    await issue(t.ctx, offer.id, 'ana@example.com');
    await issue(t.ctx, offer.id, 'mira@example.com');
    const rec = recordingChannels(() => t.ctx.now());
    t.setNow('2025-03-14T05:00:00Z');
    rec.failures.next = () => new SendFailure('PERMANENT', 'HTTP 400: number blocked');
    await scheduler(db.sql, () => t.ctx.now(), rec.channels)();
    const failed = (await call('notifications-list', { id: offer.id, status: 'FAILED' })) as {
      items: Record<string, unknown>[];
      counts: Record<string, number>;
    };
    expect(failed.counts).toMatchObject({ FAILED: 1, SKIPPED: 1 });
    expect(failed.items).toEqual([
      expect.objectContaining({
        kind: 'COUPON_EXPIRY',
        channel: 'SMS',
        recipient: '+919800000001',
        status: 'FAILED',
        attempts: 1,
        lastError: 'Refused by the provider: HTTP 400: number blocked',
        sentAt: null,
      }),
    ]);
    const skipped = (await call('notifications-list', { id: offer.id, status: 'SKIPPED' })) as {
      items: Record<string, unknown>[];
    };
    expect(skipped.items).toEqual([
      expect.objectContaining({
        skipReason: expect.stringMatching(/has no mobile number$/),
        recipient: null,
      }),
    ]);
    expect(await errorOf(call('notifications-list', { id: 'nope' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('says whether this hub has an SMS gateway, so a resend that will wait says so', async () => {
    const offer = await makeOffer(t.ctx, { issuance: { resendSms } });
    const c1 = await issue(t.ctx, offer.id, 'ana@example.com');
    const none = { ...t.ctx, principal: backOffice, channels: { sms: false, email: true } };
    expect(await dispatch('coupons-resend', { id: c1.id }, none)).toMatchObject({
      smsGateway: false,
      notification: { status: 'PENDING' },
    });
    const c2 = await issue(t.ctx, offer.id, 'omar@example.com');
    const sms = { ...t.ctx, principal: backOffice, channels: { sms: true, email: false } };
    expect(await dispatch('coupons-resend', { id: c2.id }, sms)).toMatchObject({
      smsGateway: true,
    });
  });
});
