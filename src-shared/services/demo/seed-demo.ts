import { createInProcessClient, type ApiClient } from '#shared/api/client';
import { bindDispatch, type Dispatch } from '#shared/api/dispatch';
import type { OpOutput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import type { SqlPort } from '#shared/sql/port';
import { ensureUser } from '../auth/index';
import { whenUploadsIdle } from '../uploads/index';
import { demoCustomers, demoOrg } from './demo-org';
import { demoOffers } from './demo-offers';
import { demoUsers } from './demo-users';

export { demoUsers, type DemoUser } from './demo-users';

const DAY = 86_400_000;
const MARKER = 'demoSeeded';
const demoPrincipal: Principal = { kind: 'system' };

export type SeedDemoOptions = {
  /**
   * PBKDF2 iterations for the demo users' passwords: tests only. The default is production
   * strength (DEFAULT_ITERATIONS), because these verifiers leave the hub: tills pull them.
   */
  passwordIterations?: number;
  /**
   * Runs the operations the demo is loaded through (every service's handlers): the host's, or
   * the dispatcher running setup-load-demo. Passed in, so this service need not import them all.
   */
  dispatcher: Dispatch;
};

export type SeedDemoResult = {
  /** False when the database was already seeded (nothing changed but missing users). */
  seeded: boolean;
  users: typeof demoUsers;
};

type Coupon = OpOutput<'coupons-issue'>['coupon'];

/**
 * Loads a realistic demo org through the real API (dispatcher, handlers, services), so the
 * demo exercises the same code as production: org tree, rates, customers, offers of every
 * code-generation kind, claims, and coupons in every state (unissued, active, redeemed,
 * expired, revoked, reversed), with activity spread over the last weeks. Everything but the
 * users is one transaction, marked done in org_settings: calling it again changes nothing.
 */
export async function seedDemo(
  sql: SqlPort,
  now: Date,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  // Production strength comes precomputed (demo-users.ts); tests asking for fewer iterations
  // hash afresh. Nothing in the data depends on the users.
  const users = Promise.all(
    demoUsers.map(({ verifier, ...u }) =>
      ensureUser(sql, {
        ...u,
        now,
        ...(options.passwordIterations ? { iterations: options.passwordIterations } : { verifier }),
      }),
    ),
  );
  const data = sql.transaction(async (tx) => {
    // Hubs started together on one database (--workers, several hosts) seed it once: the
    // others wait here, then find the marker.
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [736402, 2]);
    const done = await tx.query('SELECT 1 FROM org_settings WHERE key = $1', [MARKER]);
    if (done.length > 0) return false;
    await loadDemoData(tx, now.getTime(), options.dispatcher);
    await tx.query(
      'INSERT INTO org_settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING',
      [MARKER, JSON.stringify({ at: now.toISOString() })],
    );
    return true;
  });
  const [, seeded] = await Promise.all([users, data]);
  return { seeded, users: demoUsers };
}

/** `days` before now at 06:30 UTC (noon in India, 10:30 in the Gulf: inside shop hours). */
const dayAt = (nowMs: number, days: number): number => {
  const d = new Date(nowMs - days * DAY);
  d.setUTCHours(6, 30, 0, 0);
  return Math.min(d.getTime(), nowMs);
};

async function loadDemoData(sql: SqlPort, nowMs: number, dispatcher: Dispatch): Promise<void> {
  let clock = dayAt(nowMs, 60);
  const dispatch = bindDispatch(dispatcher, {
    sql,
    now: () => new Date(clock),
    host: 'hub',
  });
  const api: ApiClient = createInProcessClient(dispatch, demoPrincipal);
  const at = (days: number) => {
    clock = dayAt(nowMs, days);
  };

  for (const entity of demoOrg) await api.send('org-create', entity);
  await api.send('currency-rates-put', {
    rates: [
      { from: 'AED', to: 'INR', rate: '22.65', effectiveFrom: new Date(clock).toISOString() },
      { from: 'USD', to: 'INR', rate: '83.10', effectiveFrom: new Date(clock).toISOString() },
      {
        from: 'AED',
        to: 'INR',
        rate: '22.72',
        effectiveFrom: new Date(dayAt(nowMs, 30)).toISOString(),
      },
    ],
  });
  const customers = demoCustomers(nowMs);
  for (const c of customers) await api.send('customers-create', c);
  const cust = (i: number) => ({ userId: String(100_001 + i) });
  const homeOf = (i: number) => customers[i]?.homeStoreId ?? 'S-DEL';

  const offers: Record<string, string> = {};
  for (const { key, input } of demoOffers(nowMs)) {
    offers[key] = (await api.send('offers-create', input)).id;
  }
  const id = (key: string) => offers[key] as string;

  await api.send('offers-claim', {
    id: id('gold'),
    consumerType: 'LOYALTY',
    consumerId: 'gold-tier',
    consumerName: 'Gold program',
  });
  await api.send('offers-claim', {
    id: id('outbound'),
    consumerType: 'OUTBOUND',
    consumerId: 'winback-march',
    consumerName: 'Win-back March',
  });
  await api.send('offers-claim', {
    id: id('flat500'),
    consumerType: 'DVS',
    consumerId: 'bounce-back-q1',
    consumerName: 'Bounce-back Q1',
  });

  const issue = async (offer: string, i: number): Promise<Coupon> =>
    (await api.send('coupons-issue', { id: id(offer), customer: cust(i) })).coupon;
  const redeem = (code: string, i: number | null, storeId: string, bill: string, items = []) =>
    api.send('redemptions-redeem', {
      code,
      ...(i === null ? {} : { customer: cust(i) }),
      billAmount: bill,
      storeId,
      tillId: `${storeId}-T${(code.length % 2) + 1}`,
      items,
    });

  // Expired: welcome coupons live 30 days; these were issued 45 days ago.
  at(45);
  for (const i of [20, 21, 22]) await issue('welcome', i);
  // Expired: monsoon coupons live 7 days; one was used before it lapsed.
  at(20);
  const monsoon: Coupon[] = [];
  for (const i of [23, 24, 25, 26, 27]) monsoon.push(await issue('monsoon', i));
  at(18);
  await redeem((monsoon[0] as Coupon).code, 23, 'S-BLR', '2400.00');

  // Welcome coupons issued over the last three weeks: active, redeemed, reversed, revoked.
  const welcome: Coupon[] = [];
  for (let i = 0; i < 20; i++) {
    at(19 - i);
    welcome.push(await issue('welcome', i));
  }
  const fashion = ['S-DEL', 'S-NOI', 'S-BLR'];
  for (let i = 0; i < 6; i++) {
    at(Math.max(1, 14 - 2 * i));
    const { redemption } = await redeem(
      (welcome[i] as Coupon).code,
      i,
      fashion[i % 3] as string,
      `${1200 + 350 * i}.00`,
    );
    if (i === 5) {
      await api.send('redemptions-reverse', {
        id: redemption.id,
        reason: 'Wrong customer at till',
      });
    }
  }
  at(1);
  await api.send('coupons-revoke', {
    id: id('welcome'),
    mode: 'CUSTOMERS',
    customers: [cust(18), cust(19)],
  });

  // The common code: one code for everyone it is issued to, once each, in the north zone.
  at(12);
  for (const i of [40, 41, 42, 43]) await issue('flat500', i);
  for (const [d, i, store] of [
    [9, 40, 'S-DEL'],
    [6, 41, 'S-NOI'],
    [2, 42, 'S-DEL'],
  ] as const) {
    at(d);
    await redeem('FLAT500', i, store, '3499.00');
  }

  // Gulf: randomized common codes for Gulf customers, redeemed in AED.
  const gulfCustomers = customers
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.homeStoreId === 'S-DXB' || c.homeStoreId === 'S-AUH')
    .map(({ i }) => i);
  at(10);
  const gulf: Coupon[] = [];
  for (const i of gulfCustomers) gulf.push(await issue('gulf', i));
  for (const [n, d] of [
    [0, 8],
    [1, 5],
    [2, 3],
  ] as const) {
    const i = gulfCustomers[n];
    const c = gulf[n];
    if (i === undefined || c === undefined) continue;
    at(d);
    await redeem(c.code, i, homeOf(i), '212.50');
  }

  // Gold tier: selected categories only, so the bill carries items.
  at(6);
  const gold: Coupon[] = [];
  for (const i of [30, 31, 32, 33, 34]) gold.push(await issue('gold', i));
  at(4);
  await api.send('redemptions-redeem', {
    code: (gold[0] as Coupon).code,
    customer: cust(30),
    billAmount: '4200.00',
    storeId: 'S-NOI',
    tillId: 'S-NOI-T1',
    items: [
      { sku: 'TSHIRT-01', category: 'apparel', price: '1200.00', qty: 2 },
      { sku: 'MUG-7', category: 'home', price: '1800.00', qty: 1 },
    ],
  });

  // Partner vouchers: a third party's codes uploaded (one bad row, one duplicate, reported
  // in the upload's issues), then a customer list uploaded to hand some of them out. The rest
  // stay unissued. Upload jobs run in the background; the demo waits for them.
  at(25);
  const partnerCodes = Array.from({ length: 30 }, (_, n) => `PTNR-${String(7001 + n)}`);
  await api.send('uploads-create', {
    id: id('partner'),
    kind: 'CODES',
    fileName: 'partner-codes.csv',
    csv: ['code', ...partnerCodes, 'BAD CODE!', partnerCodes[0]].join('\n') + '\n',
  });
  await whenUploadsIdle(sql);
  at(8);
  await api.send('uploads-create', {
    id: id('partner'),
    kind: 'CUSTOMERS',
    fileName: 'partner-audience.csv',
    csv: ['userId', ...[10, 11, 12, 13, 14, 15, 16, 17].map((i) => cust(i).userId), '999999'].join(
      '\n',
    ),
  });
  await whenUploadsIdle(sql);
  at(5);
  const partnerIssued = await sql.query<{ code: string; user_id: string }>(
    `SELECT c.code, u.user_id FROM coupons c JOIN customers u ON u.id = c.customer_id
      WHERE c.offer_id = $1 ORDER BY c.code LIMIT 2`,
    [id('partner')],
  );
  for (const p of partnerIssued) {
    await redeem(p.code, Number(p.user_id) - 100_001, 'S-BLR', '999.00');
  }

  // Outbound campaign audience and the Bengaluru launch: issued, still active.
  at(3);
  for (let i = 35; i < 45; i++) await issue('outbound', i);
  for (const i of [1, 4, 7]) await issue('blr', i);
}
