import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  couponReminderDue,
  messageDate,
  offerReminderDue,
} from '#shared/notifications/schedule';

describe('reminder schedule', () => {
  it('is N local days before the local expiry date, at the send time in that zone', () => {
    // 23:59:59.999 IST on 10 Mar 2025 = 18:29:59.999Z.
    const expires = '2025-03-10T18:29:59.999Z';
    expect(
      couponReminderDue(expires, 'Asia/Kolkata', { daysBefore: 3, sendTime: '09:30' }),
    ).toEqual({
      dueDate: '2025-03-07',
      dueAt: '2025-03-07T04:00:00.000Z',
    });
    // The same instant is still 10 Mar in Dubai (22:29): the date is read in the customer's zone.
    expect(couponReminderDue(expires, 'Asia/Dubai', { daysBefore: 0, sendTime: '18:00' })).toEqual({
      dueDate: '2025-03-10',
      dueAt: '2025-03-10T14:00:00.000Z',
    });
  });

  it('keeps the wall-clock send time across a DST change', () => {
    // New York springs forward on 9 Mar 2025: 10:00 EST is 15:00Z, 10:00 EDT is 14:00Z.
    const before = couponReminderDue('2025-03-12T12:00:00Z', 'America/New_York', {
      daysBefore: 5,
      sendTime: '10:00',
    });
    const after = couponReminderDue('2025-03-12T12:00:00Z', 'America/New_York', {
      daysBefore: 1,
      sendTime: '10:00',
    });
    expect(before).toEqual({ dueDate: '2025-03-07', dueAt: '2025-03-07T15:00:00.000Z' });
    expect(after).toEqual({ dueDate: '2025-03-11', dueAt: '2025-03-11T14:00:00.000Z' });
  });

  it('sends offer expiry reminders at 10:00 org time (seed)', () => {
    expect(offerReminderDue('2025-11-30T18:29:59.000Z', 'Asia/Kolkata', 4)).toEqual({
      dueDate: '2025-11-26',
      dueAt: '2025-11-26T04:30:00.000Z',
    });
  });

  it('due date and local send time hold for any zone, expiry and lead (property)', () => {
    const zones = [
      'Asia/Kolkata',
      'Asia/Dubai',
      'Europe/London',
      'America/New_York',
      'Australia/Adelaide',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (date, zone, daysBefore, h, m) => {
          const sendTime = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const due = couponReminderDue(date.toISOString(), zone, { daysBefore, sendTime });
          const expiryLocal = DateTime.fromJSDate(date).setZone(zone).startOf('day');
          const dueLocal = DateTime.fromISO(due.dueAt).setZone(zone);
          expect(due.dueDate).toBe(expiryLocal.minus({ days: daysBefore }).toISODate());
          expect(dueLocal.toISODate()).toBe(due.dueDate);
          // Only a DST gap may move the wall time, and only forward.
          const minutes = dueLocal.hour * 60 + dueLocal.minute;
          expect(minutes).toBeGreaterThanOrEqual(h * 60 + m);
          expect(minutes - (h * 60 + m)).toBeLessThanOrEqual(60);
        },
      ),
    );
  });

  it('formats message dates in the recipient zone', () => {
    expect(messageDate('2025-12-31T18:29:59.000Z', 'Asia/Kolkata')).toBe('31 Dec 2025');
    expect(messageDate('2025-12-31T18:29:59.000Z', 'Pacific/Auckland')).toBe('1 Jan 2026');
  });
});

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const b = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelayMs(n, b))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('never shrinks as attempts grow (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        expect(backoffDelayMs(n + 1)).toBeGreaterThanOrEqual(backoffDelayMs(n));
      }),
    );
  });
});
