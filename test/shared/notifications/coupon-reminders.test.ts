import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { testContext } from '../services/support/context';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import {
  DAY,
  HOUR,
  T0,
  issue,
  jobs,
  makeOffer,
  recordingChannels,
  scheduler,
  seedWorld,
  type Sent,
} from './support';

/** The scheduler ticks hourly at half past (the first tick is 03:30Z, when coupons are issued). */
const STEP = HOUR;
const FIRST_TICK = Date.parse(T0) + 9 * HOUR;
const tickAfter = (due: string): string =>
  new Date(FIRST_TICK + Math.ceil((Date.parse(due) - FIRST_TICK) / STEP) * STEP).toISOString();

/**
 * Two reminders (SMS 3 days before at 10:00, email 1 day before at 18:00) on coupons that
 * expire at the end of the 7th day after issue (17 Mar 2025 IST), held by customers in
 * Kolkata, Dubai, the org zone, and one without a mobile number.
 */
async function scenario(db: TestDb) {
  const t = testContext(db.sql, T0);
  const people = await seedWorld(t.ctx);
  t.setNow(new Date(Date.parse(T0) + 9 * HOUR));
  const offer = await makeOffer(t.ctx);
  const codes: Record<string, string> = {};
  for (const key of ['ana', 'omar', 'zoe', 'mail']) {
    const email = key === 'mail' ? 'mira@example.com' : `${key}@example.com`;
    codes[key] = (await issue(t.ctx, offer.id, email)).code;
  }
  return { t, offer, codes, people };
}

function expected(codes: Record<string, string>): Sent[] {
  const sms = (due: string, to: string, name: string, code: string): Sent => ({
    at: tickAfter(due),
    channel: 'SMS',
    to,
    text: `Hi ${name}, ${code} (INR 100 off) expires on 17 Mar 2025`,
  });
  const mail = (due: string, to: string, name: string, code: string): Sent => ({
    at: tickAfter(due),
    channel: 'EMAIL',
    to,
    subject: 'Your Holi 100 off coupon expires on 17 Mar 2025',
    text: `Last day tomorrow: ${code} for Holi 100 off, ${name}`,
  });
  return [
    // 14 Mar 10:00 IST = 04:30Z; 10:00 Dubai = 06:00Z.
    sms('2025-03-14T04:30:00.000Z', '+919800000001', 'Ana', codes.ana as string),
    // Zoë has no home store: the org's zone (Kolkata); "ë" is not GSM, so plain "e".
    sms('2025-03-14T04:30:00.000Z', '+919800000003', 'Zoe', codes.zoe as string),
    sms('2025-03-14T06:00:00.000Z', '+971500000002', 'Omar', codes.omar as string),
    // 16 Mar 18:00 IST = 12:30Z; 18:00 Dubai = 14:00Z.
    mail('2025-03-16T12:30:00.000Z', 'ana@example.com', 'Ana', codes.ana as string),
    mail('2025-03-16T12:30:00.000Z', 'mira@example.com', 'Mira', codes.mail as string),
    mail('2025-03-16T12:30:00.000Z', 'zoe@example.com', 'Zoë', codes.zoe as string),
    mail('2025-03-16T14:00:00.000Z', 'omar@example.com', 'Omar', codes.omar as string),
  ];
}

const byTimeThenTo = (a: Sent, b: Sent) => a.at.localeCompare(b.at) || a.to.localeCompare(b.to);

eachDialect('notifications: coupon expiry reminders', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());

  it('sends each reminder once, at its send time in the customer zone, through a restart', async () => {
    const { t, offer, codes } = await scenario(db);
    const clock = () => t.ctx.now();
    const rec = recordingChannels(clock);
    let tick = scheduler(db.sql, clock, rec.channels, 'first');
    const end = Date.parse(T0) + 9 * DAY;
    const restartAt = Date.parse('2025-03-15T00:30:00Z');
    for (let at = FIRST_TICK; at <= end; at += STEP) {
      t.setNow(new Date(at));
      if (at === restartAt) tick = scheduler(db.sql, clock, rec.channels, 'second');
      await tick();
      // Ticking again at the same instant finds nothing new to send.
      if ((at - FIRST_TICK) % (6 * HOUR) === 0) await tick();
    }
    expect([...rec.sent].sort(byTimeThenTo)).toEqual(expected(codes).sort(byTimeThenTo));
    const rows = await jobs(db.sql, offer.id);
    expect(rows.filter((r) => r.status === 'SENT')).toHaveLength(7);
    expect(rows.filter((r) => r.status === 'SKIPPED')).toEqual([
      expect.objectContaining({
        kind: 'COUPON_EXPIRY',
        reminder_index: 0,
        skip_reason: expect.stringMatching(/^Customer .* has no mobile number$/),
      }),
    ]);
    expect(rows).toHaveLength(8);
  });
});

eachDialect('notifications: catching up after downtime', (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await freshDb(dialect);
  });
  afterEach(() => db.close());

  async function runWithGap(downFrom: string, backAt: string) {
    const { t, offer, codes } = await scenario(db);
    const clock = () => t.ctx.now();
    const rec = recordingChannels(clock);
    const tick = scheduler(db.sql, clock, rec.channels);
    t.setNow(new Date(Date.parse(T0) + 10 * HOUR));
    await tick();
    t.setNow(downFrom);
    await tick();
    // The hub is down until backAt.
    t.setNow(backAt);
    await tick();
    return { rec, offer, codes };
  }

  it('sends a missed reminder late while the coupon is still valid', async () => {
    const { rec } = await runWithGap('2025-03-12T00:00:00Z', '2025-03-15T09:00:00Z');
    expect(rec.sent.map((s) => [s.channel, s.to, s.at])).toEqual([
      ['SMS', '+919800000001', '2025-03-15T09:00:00.000Z'],
      ['SMS', '+919800000003', '2025-03-15T09:00:00.000Z'],
      ['SMS', '+971500000002', '2025-03-15T09:00:00.000Z'],
    ]);
  });

  it('when a later reminder is due too, sends only the later one and says why', async () => {
    const { rec, offer } = await runWithGap('2025-03-12T00:00:00Z', '2025-03-16T20:00:00Z');
    expect(rec.sent.map((s) => s.channel)).toEqual(['EMAIL', 'EMAIL', 'EMAIL', 'EMAIL']);
    const skipped = (await jobs(db.sql, offer.id)).filter((r) => r.status === 'SKIPPED');
    const later =
      'A later reminder of this coupon (1 day(s) before expiry) is due as well; only that one is sent';
    expect(skipped.map((r) => r.skip_reason).sort()).toEqual([
      later,
      later,
      later,
      expect.stringMatching(/^Customer .* has no mobile number$/),
    ]);
  });

  it('skips, with the reason, what expired while the hub was down', async () => {
    const { rec, offer, codes } = await runWithGap('2025-03-12T00:00:00Z', '2025-03-19T00:00:00Z');
    expect(rec.sent).toEqual([]);
    const rows = await jobs(db.sql, offer.id);
    expect(rows).toHaveLength(8);
    const expiredRows = rows.filter((r) => /expired on/.test(r.skip_reason ?? ''));
    // Mira's SMS too: expiry is checked before contact details.
    expect(expiredRows).toHaveLength(8);
    expect(expiredRows[0]?.skip_reason).toMatch(
      new RegExp(
        `^Coupon (${Object.values(codes).join('|')}) expired on 2025-03-17T18:29:59.999Z before this could be sent \\(it was due 2025-03-1[46]T`,
      ),
    );
  });

  it('skips redeemed and revoked coupons at send time', async () => {
    const { t, offer, codes } = await scenario(db);
    const clock = () => t.ctx.now();
    const rec = recordingChannels(clock);
    const tick = scheduler(db.sql, clock, rec.channels);
    // Planned first (within the horizon), then redeemed and revoked before the due time.
    t.setNow('2025-03-13T00:00:00Z');
    await tick();
    expect(rec.sent).toEqual([]);
    await db.sql.query(
      'UPDATE coupons SET redemption_count = 1 WHERE offer_id = $1 AND code = $2',
      [offer.id, codes.ana],
    );
    await db.sql.query(
      "UPDATE coupons SET state = 'REVOKED', revoked_at = $3 WHERE offer_id = $1 AND code = $2",
      [offer.id, codes.omar, '2025-03-11T00:00:00.000Z'],
    );
    t.setNow('2025-03-14T07:00:00Z');
    await tick();
    expect(rec.sent.map((s) => s.to)).toEqual(['+919800000003']);
    const reasons = (await jobs(db.sql, offer.id)).map((r) => r.skip_reason).filter(Boolean);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `Coupon ${codes.ana} was already redeemed`,
        `Coupon ${codes.omar} was revoked on 2025-03-11T00:00:00.000Z`,
      ]),
    );
  });
});
