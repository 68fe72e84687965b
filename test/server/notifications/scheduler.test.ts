import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInProcessClient } from '#shared/api/client';
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import type { Principal } from '#shared/api/roles';
import { createHandlers } from '#shared/services/handlers';
import { startNotifications, type RunningNotifications } from '#server/notifications/start';
import { eachDialect, freshDb, type TestDb } from '../../helpers/db';
import { buildOrg } from '../../shared/services/support/org-fixture';
import { startFakeGateway, startFakeSmtp, type FakeGateway, type FakeSmtp } from './fake-providers';
import {
  ISSUE_AT,
  byAtThenTo,
  customers,
  expectedArrivals,
  offerInput,
  type Arrival,
} from './scenario';

const HALF_HOUR = 30 * 60_000;
const admin: Principal = {
  kind: 'user',
  userId: 'u1',
  username: 'admin',
  role: 'admin',
  storeIds: null,
};

eachDialect(
  'notifications: hub scheduler against a real SMTP server and SMS gateway',
  (dialect) => {
    let db: TestDb;
    let smtp: FakeSmtp;
    let gw: FakeGateway;
    beforeAll(async () => {
      [db, smtp, gw] = await Promise.all([freshDb(dialect), startFakeSmtp(), startFakeGateway()]);
    });
    afterAll(async () => {
      await Promise.all([db.close(), smtp.close(), gw.close()]);
    });

    it('delivers every reminder and alert exactly once, on time, across two restarts', async () => {
      let now = new Date(ISSUE_AT);
      const clock = () => now;
      const api = createInProcessClient(
        bindDispatch(createDispatcher(createHandlers()), { sql: db.sql, now: clock, host: 'hub' }),
        admin,
      );
      await buildOrg({ sql: db.sql, now: clock, principal: admin, host: 'hub' });
      for (const c of customers) await api.send('customers-create', c);
      const offer = await api.send('offers-create', offerInput);
      const codes: Record<string, string> = {};
      for (const c of customers) {
        const out = await api.send('coupons-issue', { id: offer.id, customer: { email: c.email } });
        codes[c.email] = out.coupon.code;
      }

      const start = (): RunningNotifications =>
        startNotifications({
          sql: db.sql,
          clock,
          smtp: { url: smtp.url, from: 'Offers <offers@shop.example>' },
          sms: { url: gw.url, authHeader: 'Authorization: Bearer gw-token' },
          intervalMs: 0,
        });
      // What arrived, stamped with the fake clock of the tick that delivered it.
      const sms: Arrival[] = [];
      const email: Arrival[] = [];
      const collect = () => {
        for (const r of gw.requests.slice(sms.length)) {
          sms.push({
            at: now.toISOString(),
            to: r.body.to,
            text: r.body.text,
            unicode: r.body.unicode,
          });
        }
        for (const m of smtp.mails.slice(email.length)) {
          email.push({
            at: now.toISOString(),
            to: m.to.join(','),
            subject: m.subject,
            text: m.text,
          });
        }
      };

      let scheduler = start();
      await scheduler.tick();
      collect();
      const restarts = ['2025-03-15T00:00:00.000Z', '2025-03-16T13:00:00.000Z'];
      for (
        let at = Date.parse('2025-03-13T00:00:00Z');
        at <= Date.parse('2025-03-19T00:00:00Z');
        at += HALF_HOUR
      ) {
        now = new Date(at);
        if (restarts.includes(now.toISOString())) {
          await scheduler.stop();
          scheduler = start();
        }
        await scheduler.tick();
        collect();
      }
      await scheduler.stop();

      const want = expectedArrivals(codes);
      expect([...sms].sort(byAtThenTo)).toEqual(want.sms.sort(byAtThenTo));
      expect([...email].sort(byAtThenTo)).toEqual(want.email.sort(byAtThenTo));
      // Every request carried the gateway's auth and a distinct idempotency key.
      expect(gw.requests.every((r) => r.headers.authorization === 'Bearer gw-token')).toBe(true);
      const keys = [
        ...gw.requests.map((r) => r.headers['idempotency-key']),
        ...smtp.mails.map((m) => m.idempotencyKey),
      ];
      expect(new Set(keys).size).toBe(keys.length);
      expect(smtp.mails.every((m) => m.from === 'offers@shop.example')).toBe(true);

      const log = await api.send('notifications-list', { id: offer.id });
      expect(log.counts).toEqual({ PENDING: 0, SENDING: 0, SENT: 8, FAILED: 0, SKIPPED: 0 });
      expect(log.items.every((i) => i.attempts === 1 && i.sentAt !== null)).toBe(true);
    });
  },
);
