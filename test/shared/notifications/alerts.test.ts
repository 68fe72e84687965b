import { afterEach, beforeEach, expect, it } from 'vitest';
import { offerInput } from '#shared/domain/offer';
import { updateOffer } from '#shared/services/offers/offer-update';
import { setContacts } from '#shared/services/org/points-of-contact';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import { apiError } from '../services/support/api-error';
import { testContext } from '../services/support/context';
import {
  HOUR,
  T0,
  issue,
  jobs,
  makeOffer,
  recordingChannels,
  scheduler,
  seedWorld,
} from './support';

const brand = ['brand.one@example.com', 'brand.two@example.com'];

eachDialect('notifications: issual-limit alerts and offer expiry reminders', (dialect) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await freshDb(dialect);
  });
  afterEach(() => db.close());

  it('emails the brand POCs once per threshold crossing, re-armed when the limit is raised', async () => {
    const t = testContext(db.sql, T0);
    await seedWorld(t.ctx);
    const issuance = {
      totalLimit: 5,
      notifyThreshold: 2,
      notifyEmails: brand,
    };
    const offer = await makeOffer(t.ctx, { name: 'Limited', offerCode: 'LTD-1', issuance });
    const rec = recordingChannels(() => t.ctx.now());
    const tick = scheduler(db.sql, () => t.ctx.now(), rec.channels);
    await tick();
    for (let i = 0; i < 2; i++) await issue(t.ctx, offer.id, 'ana@example.com');
    await tick();
    expect(rec.sent).toEqual([]);
    await issue(t.ctx, offer.id, 'omar@example.com');
    await tick();
    await tick();
    expect(rec.sent.map((s) => [s.to, s.subject])).toEqual([
      ['brand.one@example.com', 'Offer "Limited" (LTD-1): 2 coupons left to issue'],
      ['brand.two@example.com', 'Offer "Limited" (LTD-1): 2 coupons left to issue'],
    ]);
    expect(rec.sent[0]?.text).toContain('has issued 3 of its 5-coupon issual limit');
    // Falling further is the same crossing.
    await issue(t.ctx, offer.id, 'zoe@example.com');
    await tick();
    expect(rec.sent).toHaveLength(2);
    // Raising the limit re-arms; the next fall to the threshold alerts again.
    const stored = offerInput.parse(offer);
    await updateOffer({ id: offer.id, issuance: { ...stored.issuance, totalLimit: 8 } }, t.ctx);
    await tick();
    expect(rec.sent).toHaveLength(2);
    await issue(t.ctx, offer.id, 'zoe@example.com');
    await issue(t.ctx, offer.id, 'zoe@example.com');
    await tick();
    expect(rec.sent.slice(2).map((s) => [s.to, s.subject])).toEqual([
      ['brand.one@example.com', 'Offer "Limited" (LTD-1): 2 coupons left to issue'],
      ['brand.two@example.com', 'Offer "Limited" (LTD-1): 2 coupons left to issue'],
    ]);
    expect(rec.sent[2]?.text).toContain('has issued 6 of its 8-coupon issual limit');
    const rows = await jobs(db.sql, offer.id);
    const crossings = rows.map((r) => [r.kind, r.reminder_index, r.status]);
    expect(crossings.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['ISSUAL_LIMIT', 1, 'SENT'],
      ['ISSUAL_LIMIT', 1, 'SENT'],
      ['ISSUAL_LIMIT', 2, 'SENT'],
      ['ISSUAL_LIMIT', 2, 'SENT'],
    ]);
  });

  it('reminds the chosen POCs at 10:00 org time N days before the offer ends, following edits', async () => {
    const t = testContext(db.sql, T0);
    await seedWorld(t.ctx);
    const offer = await makeOffer(t.ctx, {
      name: 'Spring',
      offerCode: 'SPRING-25',
      // Ends at the end of 20 Mar 2025 IST.
      expiry: { type: 'FIXED_DATE', endsAt: '2025-03-20T18:29:59.000Z' },
      issuance: {
        offerExpiryReminder: {
          enabled: true,
          pocEmails: ['poc.a@example.com', 'poc.b@example.com'],
          daysBefore: 2,
        },
      },
    });
    const rec = recordingChannels(() => t.ctx.now());
    const tick = scheduler(db.sql, () => t.ctx.now(), rec.channels);
    // Planned within the two-day horizon; then the lead is changed to 3 days and poc.b dropped.
    t.setNow('2025-03-16T06:00:00Z');
    await tick();
    expect((await jobs(db.sql, offer.id)).map((r) => [r.subject, r.status, r.due_at])).toEqual([
      ['poc.a@example.com', 'PENDING', '2025-03-18T04:30:00.000Z'],
      ['poc.b@example.com', 'PENDING', '2025-03-18T04:30:00.000Z'],
    ]);
    const stored = offerInput.parse(offer);
    await updateOffer(
      {
        id: offer.id,
        issuance: {
          ...stored.issuance,
          offerExpiryReminder: {
            enabled: true,
            contactIds: [],
            pocEmails: ['poc.a@example.com'],
            daysBefore: 3,
          },
        },
      },
      t.ctx,
    );
    for (
      let at = Date.parse('2025-03-16T06:30:00Z');
      at < Date.parse('2025-03-21T00:00:00Z');
      at += HOUR / 2
    ) {
      t.setNow(new Date(at));
      await tick();
    }
    expect(rec.sent).toEqual([
      {
        at: '2025-03-17T04:30:00.000Z',
        channel: 'EMAIL',
        to: 'poc.a@example.com',
        subject: 'Offer "Spring" (SPRING-25) ends on 20 Mar 2025',
        text: expect.stringContaining('You asked to be reminded 3 days before the offer ends.'),
      },
    ]);
    expect((await jobs(db.sql, offer.id)).map((r) => [r.subject, r.status, r.skip_reason])).toEqual(
      [
        ['poc.a@example.com', 'SENT', null],
        [
          'poc.a@example.com',
          'SKIPPED',
          "Rescheduled to 2025-03-17T04:30:00.000Z after the offer's end or reminder changed",
        ],
        [
          'poc.b@example.com',
          'SKIPPED',
          "poc.b@example.com was removed from the offer expiry reminder's points of contact",
        ],
      ],
    );
  });

  it('moves a coupon reminder when its send time or lead is edited, and drops a removed one', async () => {
    const t = testContext(db.sql, T0);
    await seedWorld(t.ctx);
    t.setNow(new Date(Date.parse(T0) + 9 * HOUR));
    const offer = await makeOffer(t.ctx);
    await issue(t.ctx, offer.id, 'ana@example.com');
    const rec = recordingChannels(() => t.ctx.now());
    const tick = scheduler(db.sql, () => t.ctx.now(), rec.channels);
    const runUntil = async (end: string) => {
      for (let at = t.ctx.now().getTime() + HOUR / 2; at <= Date.parse(end); at += HOUR / 2) {
        t.setNow(new Date(at));
        await tick();
      }
    };
    const stored = offerInput.parse(offer).issuance;
    const [sms, mail] = stored.expiryReminders as [
      (typeof stored.expiryReminders)[number],
      (typeof stored.expiryReminders)[number],
    ];
    const edit = (expiryReminders: (typeof stored.expiryReminders)[number][]) =>
      updateOffer({ id: offer.id, issuance: { ...stored, expiryReminders } }, t.ctx);
    const state = async () =>
      (await jobs(db.sql, offer.id)).map((r) => [r.reminder_index, r.status, r.due_at]);

    t.setNow('2025-03-13T00:00:00Z');
    await tick();
    expect(await state()).toEqual([[0, 'PENDING', '2025-03-14T04:30:00.000Z']]);
    // Same day, later time: the job moves.
    await edit([{ ...sms, sendTime: '12:15' }, mail]);
    await tick();
    expect(await state()).toEqual([[0, 'PENDING', '2025-03-14T06:45:00.000Z']]);
    // Another day: the job gives way to one on the new day.
    await edit([{ ...sms, daysBefore: 2 }, mail]);
    await tick();
    expect(await state()).toEqual([
      [0, 'SKIPPED', '2025-03-14T06:45:00.000Z'],
      [0, 'PENDING', '2025-03-15T04:30:00.000Z'],
    ]);
    await runUntil('2025-03-16T00:00:00Z');
    // The email reminder is scheduled by now; removing it drops the job.
    await edit([{ ...sms, daysBefore: 2 }]);
    await runUntil('2025-03-18T00:00:00Z');
    expect(rec.sent.map((s) => [s.channel, s.at])).toEqual([['SMS', '2025-03-15T04:30:00.000Z']]);
    expect(
      (await jobs(db.sql, offer.id)).map((r) => [r.reminder_index, r.status, r.skip_reason]),
    ).toEqual([
      [0, 'SKIPPED', 'Rescheduled to 2025-03-15T04:30:00.000Z after reminder 1 changed'],
      [0, 'SENT', null],
      [1, 'SKIPPED', 'Reminder 2 was removed from the offer after this was scheduled'],
    ]);
  });

  it('alerts and reminds the picked contacts at their current address, and keeps them listed while picked', async () => {
    const t = testContext(db.sql, T0);
    await seedWorld(t.ctx);
    const { contacts } = await setContacts(
      {
        contacts: [
          { name: 'Priya Nair', email: 'priya@brand.example' },
          { name: 'Store ops', email: 'ops@brand.example' },
          { name: 'Not picked', email: 'idle@brand.example' },
        ],
      },
      t.ctx,
    );
    const [priya, ops] = contacts;
    if (!priya || !ops) throw new Error('contacts not saved');
    const offer = await makeOffer(t.ctx, {
      name: 'Limited',
      offerCode: 'LTD-1',
      // Ends at the end of 20 Mar 2025 IST.
      expiry: { type: 'FIXED_DATE', endsAt: '2025-03-20T18:29:59.000Z' },
      issuance: {
        totalLimit: 3,
        notifyThreshold: 1,
        notifyContactIds: [priya.id],
        offerExpiryReminder: { enabled: true, contactIds: [ops.id], daysBefore: 2 },
      },
    });
    const rec = recordingChannels(() => t.ctx.now());
    const tick = scheduler(db.sql, () => t.ctx.now(), rec.channels);
    await issue(t.ctx, offer.id, 'ana@example.com');
    await issue(t.ctx, offer.id, 'omar@example.com');
    await tick();
    expect(rec.sent.map((s) => [s.to, s.subject])).toEqual([
      ['priya@brand.example', 'Offer "Limited" (LTD-1): 1 coupon left to issue'],
    ]);

    // A picked contact cannot be removed from the org's list; the offer is named.
    const removal = await apiError(
      setContacts({ contacts: [{ id: ops.id, name: ops.name, email: ops.email }] }, t.ctx),
    );
    expect(removal.code).toBe('INVALID_INPUT');
    expect(removal.message).toContain(
      'Priya Nair (priya@brand.example) is picked for the issual limit alert of offer "Limited" (LTD-1)',
    );

    // The reminder is planned to ops@, then Store ops' address changes: it goes to the new one.
    t.setNow('2025-03-16T06:00:00Z');
    await tick();
    await setContacts(
      {
        contacts: [
          { id: priya.id, name: priya.name, email: priya.email },
          { id: ops.id, name: 'Store ops', email: 'store.ops@brand.example' },
        ],
      },
      t.ctx,
    );
    for (
      let at = Date.parse('2025-03-16T06:30:00Z');
      at < Date.parse('2025-03-19T00:00:00Z');
      at += HOUR
    ) {
      t.setNow(new Date(at));
      await tick();
    }
    expect(rec.sent.slice(1).map((s) => [s.at, s.to, s.subject])).toEqual([
      [
        '2025-03-18T04:30:00.000Z',
        'store.ops@brand.example',
        'Offer "Limited" (LTD-1) ends on 20 Mar 2025',
      ],
    ]);
    const reminders = (await jobs(db.sql, offer.id)).filter((j) => j.kind === 'OFFER_EXPIRY');
    expect(reminders.map((j) => [j.subject, j.status])).toEqual(
      expect.arrayContaining([
        ['ops@brand.example', 'SKIPPED'],
        ['store.ops@brand.example', 'SENT'],
      ]),
    );

    // Unpicked on the offer, the contact may then leave the list.
    const stored = offerInput.parse(offer);
    await updateOffer(
      { id: offer.id, issuance: { ...stored.issuance, notifyContactIds: [] } },
      t.ctx,
    );
    const after = await setContacts(
      { contacts: [{ id: ops.id, name: 'Store ops', email: 'store.ops@brand.example' }] },
      t.ctx,
    );
    expect(after.contacts.map((c) => c.name)).toEqual(['Store ops']);
  });
});
