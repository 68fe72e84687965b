/**
 * Two `counterfoil hub` processes on one PostgreSQL database, as two hosts behind a load
 * balancer would be: the database is prepared in this process through the real services, then
 * both hubs start on it (their clocks 3 days ahead, so the seeded reminders are due) with one
 * fake SMTP server between them.
 */
import { bindDispatch, createDispatcher } from '#shared/api/dispatch';
import type { OperationName, OpInput, OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { createHandlers } from '#shared/services/handlers';
import type { SqlPort } from '#shared/sql/port';
import { freshPostgres } from '../../helpers/db';
import { seedHub, spawnCli, type HubSeed, type Proc } from '../../sync/support/processes';
import { startFakeSmtp, type FakeSmtp } from '../notifications/fake-providers';

export const FIRST_USER = 500_000;
/** Customers for the uploads: user ids FIRST_USER … FIRST_USER + BULK_CUSTOMERS - 1. */
export const BULK_CUSTOMERS = 120_000;
export const REMINDED = 40;

export type TwoHubs = {
  seed: HubSeed;
  /** A pool of this test process on the hubs' database, for what the tests count. */
  sql: SqlPort;
  url: string;
  hubs: [Proc, Proc];
  smtp: FakeSmtp;
  reminderOfferId: string;
  hubArgs: string[];
  close(): Promise<void>;
};

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

async function bulkCustomers(sql: SqlPort, first: number, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`cust-${first + i},${first + i},2024-01-01T00:00:00Z`);
  await sql.copyFrom('customers', ['id', 'user_id', 'registered_at'], `${lines.join('\n')}\n`);
}

/** An offer whose coupons (5 days) each get one email three days before they end. */
async function seedReminders(sql: SqlPort): Promise<string> {
  const system: Principal = { kind: 'system' };
  const d = bindDispatch(createDispatcher(createHandlers()), {
    sql,
    now: () => new Date(),
    host: 'hub',
  });
  const call = async <K extends OperationName>(name: K, input: OpInput<K>) =>
    (await d(name, input, system)) as OpOutput<K>;
  const offer = await call('offers-create', {
    name: 'Reminded',
    expiry: { type: 'FIXED_DATE', endsAt: inDays(30) },
    discount: { type: 'FIXED', amount: '50', currency: 'INR' },
    codeGeneration: { method: 'UNIQUE_AUTO', length: 8, charset: 'ALPHANUMERIC' },
    couponExpiry: { type: 'DAYS_FROM_ISSUE', days: 5 },
    issuance: {
      expiryReminders: [
        {
          daysBefore: 3,
          channel: 'EMAIL',
          sendTime: '00:00',
          template: 'Use {code} soon',
          allowUnicode: false,
        },
      ],
    },
  });
  for (let i = 0; i < REMINDED; i++) {
    const email = `reminded${i}@example.com`;
    await call('customers-create', { name: `Reminded ${i}`, email });
    await call('coupons-issue', { id: offer.id, customer: { email } });
  }
  return offer.id;
}

export async function startTwoHubs(): Promise<TwoHubs> {
  const db = await freshPostgres({ max: 4 });
  const smtp = await startFakeSmtp();
  let hubs: Proc[] = [];
  try {
    const seed = await seedHub(db.sql);
    await bulkCustomers(db.sql, FIRST_USER, BULK_CUSTOMERS);
    const reminderOfferId = await seedReminders(db.sql);
    const hubArgs = [
      'hub',
      '--database-url',
      db.url,
      '--port',
      '0',
      '--smtp-url',
      smtp.url,
      '--clock-offset-days',
      '3',
      '--notify-interval-seconds',
      '1',
      '--db-pool',
      '6',
    ];
    hubs = await Promise.all([spawnCli(hubArgs), spawnCli(hubArgs)]);
    return {
      seed,
      sql: db.sql,
      url: db.url,
      hubs: hubs as [Proc, Proc],
      smtp,
      reminderOfferId,
      hubArgs,
      async close() {
        await Promise.all(hubs.map((h) => h.kill('SIGTERM')));
        await smtp.close();
        await db.close();
      },
    };
  } catch (error) {
    await Promise.all(hubs.map((h) => h.kill('SIGKILL')));
    await smtp.close();
    await db.close();
    throw error;
  }
}

/** Polls the database until `check` holds (bounded). */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 45_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Each run of an upload, as its runner audited it (`upload.run`), oldest first. */
export async function uploadRuns(
  sql: SqlPort,
  uploadId: string,
): Promise<{ runner: string; resumeAfter: number }[]> {
  const rows = await sql.query<{ details: unknown }>(
    `SELECT details FROM audit_log WHERE action = 'upload.run' AND entity_id = $1 ORDER BY id`,
    [uploadId],
  );
  return rows.map(
    (r) =>
      (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as {
        runner: string;
        resumeAfter: number;
      },
  );
}
