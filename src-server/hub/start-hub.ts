import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createDispatcher, type BoundDispatch } from '#shared/api/dispatch';
import type { Principal } from '#shared/api/roles';
import { resolveToken } from '#shared/services/auth/sessions';
import { seedDemo } from '#shared/services/demo/seed-demo';
import { createHandlers } from '#shared/services/handlers';
import { resumeUploads } from '../../src-shared/services/uploads';
import {
  createEnrolment,
  isDeviceToken,
  resolveDeviceToken,
} from '#shared/services/sync/hub/devices';
import type { SqlPort } from '#shared/sql/port';
import { composeHost } from '../platform/host/compose-host';
import {
  describeNotificationChannels,
  startNotifications,
  type NotificationsConfig,
  type RunningNotifications,
} from '../notifications/start';
import { firstAdminHint, hasUsers } from './first-admin-hint';
import { openHubDb } from './hub-db';

export type HubOptions = {
  port: number;
  hostname?: string;
  /** A PostgreSQL server; without it the hub embeds PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  /** Load the demo org, offers and users, and print an enrolment code per demo till. */
  demo?: boolean;
  /** The built UI (back office against the hub). */
  staticDir?: string;
  /** Offline allowance lifetime and grace (org setting syncLeases), minutes. */
  leaseTtlMinutes?: number;
  leaseGraceMinutes?: number;
  /** Take back unspent units of expired leases after the grace even before tills report (risk: docs/sync.md). */
  leaseReclaimAfterGrace?: boolean;
  clock?: () => Date;
  log?: (line: string) => void;
  /** Reminder and alert channels (docs/notifications.md); without them jobs wait. */
  notifications?: Pick<NotificationsConfig, 'smtp' | 'sms' | 'intervalMs' | 'options'>;
  /** PostgreSQL connections of this process (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
  /**
   * How often this process looks for uploads nobody is running (another hub process died
   * mid-upload). Default 5 s; PostgreSQL only (PGlite has no other process).
   */
  uploadPollMs?: number;
  /** The start-up work (settings, demo, enrolment codes) was done by a cluster's primary. */
  prepared?: boolean;
};

export type RunningHub = {
  url: string;
  port: number;
  sql: SqlPort;
  dispatch: BoundDispatch;
  /** Demo enrolment codes, one per till without a registration (empty without --demo). */
  enrolments: { tillId: string; storeId: string; code: string }[];
  notifications: RunningNotifications;
  close(): Promise<void>;
};

const system: Principal = { kind: 'system' };

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One fresh enrolment code per till that has no active registration yet. */
const demoEnrolments = async (sql: SqlPort, now: Date): Promise<RunningHub['enrolments']> => {
  const tills = await sql.query<{ id: string; parent_id: string }>(
    `SELECT t.id, t.parent_id FROM org_entities t
      WHERE t.type = 'TILL' AND NOT EXISTS
            (SELECT 1 FROM sync_devices d WHERE d.till_id = t.id AND d.revoked_at IS NULL)
      ORDER BY t.id`,
  );
  const out: RunningHub['enrolments'] = [];
  for (const t of tills) {
    const e = await createEnrolment(
      sql,
      { tillId: t.id, storeId: t.parent_id, ttlHours: 24 * 30 },
      system,
      now,
    );
    out.push({ tillId: t.id, storeId: t.parent_id, code: e.code });
  }
  return out;
};

/**
 * Start-up work that writes, done once per start of a hub (by a cluster's primary, before its
 * workers): the lease settings given on the command line, the demo and its enrolment codes, and
 * the first-admin hint. Every part is safe to run on several hosts at once (upserts, the demo
 * seed under its own lock); hosts given different lease flags leave the last one's.
 */
export async function prepareHub(
  sql: SqlPort,
  options: HubOptions,
  clock: () => Date,
  log: (line: string) => void,
): Promise<RunningHub['enrolments']> {
  if (
    options.leaseTtlMinutes !== undefined ||
    options.leaseGraceMinutes !== undefined ||
    options.leaseReclaimAfterGrace !== undefined
  ) {
    await sql.query(
      `INSERT INTO org_settings (key, value) VALUES ('syncLeases', $1::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [
        JSON.stringify({
          ttlMinutes: options.leaseTtlMinutes,
          graceMinutes: options.leaseGraceMinutes,
          reclaimAfterGrace: options.leaseReclaimAfterGrace === true,
        }),
      ],
    );
  }
  let enrolments: RunningHub['enrolments'] = [];
  if (options.demo) {
    const seeded = await seedDemo(sql, clock(), {
      dispatcher: createDispatcher(createHandlers()),
    });
    log(seeded.seeded ? 'demo data loaded' : 'demo data already present');
    for (const u of seeded.users) log(`demo sign-in: ${u.username} / ${u.password} (${u.role})`);
    enrolments = await demoEnrolments(sql, clock());
  }
  if (!(await hasUsers(sql))) {
    for (const line of firstAdminHint({
      databaseUrl: options.databaseUrl,
      dataDir: resolve(options.dataDir ?? '.data/hub'),
    })) {
      log(line);
    }
  }
  return enrolments;
}

/**
 * The hub: the authoritative store behind the same API as a till (every operation)
 * plus the sync endpoints; tills authenticate with device credentials, people with sessions.
 * See docs/architecture.md, "Hosts and components".
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? (() => new Date());
  const db = await openHubDb({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? '.data/hub',
    log,
    ...(options.poolSize !== undefined ? { poolSize: options.poolSize } : {}),
  });
  let enrolments: RunningHub['enrolments'];
  try {
    log(`hub database: ${db.describe}`);
    enrolments = options.prepared ? [] : await prepareHub(db.sql, options, clock, log);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  let notifications: RunningNotifications | null = null;
  const composed = await composeHost({
    host: 'hub',
    handlers: createHandlers(),
    context: {
      sql: db.sql,
      now: clock,
      host: 'hub',
      channels: {
        sms: Boolean(options.notifications?.sms),
        email: Boolean(options.notifications?.smtp),
      },
    },
    log,
    // Every request checks its token: node:crypto's SHA-256 is synchronous and far cheaper per
    // call than Web Crypto's job (docs/benchmarks.md, "hub").
    resolvePrincipal: (token) =>
      isDeviceToken(token)
        ? resolveDeviceToken(db.sql, token, sha256Hex)
        : resolveToken(db.sql, token, clock(), sha256Hex),
    http: { port: options.port, hostname: options.hostname, staticDir: options.staticDir },
    uploadRunner: `hub ${hostname()}:${process.pid}`,
    background: [
      // A peer that dies mid-upload releases its claim with its connection; whoever looks
      // next finishes the upload (PostgreSQL only: PGlite has no other process).
      () => {
        const poll = db.sql.session
          ? setInterval(() => {
              resumeUploads(db.sql, clock).catch((e: unknown) => log(`uploads: ${String(e)}`));
            }, options.uploadPollMs ?? 5000)
          : null;
        poll?.unref();
        return { stop: async () => (poll ? clearInterval(poll) : undefined) };
      },
      () => {
        const n = options.notifications;
        log(describeNotificationChannels(n));
        notifications = startNotifications({
          sql: db.sql,
          clock,
          smtp: n?.smtp ?? null,
          sms: n?.sms ?? null,
          intervalMs: n?.intervalMs,
          options: n?.options,
          onError: (error) => log(`notifications: ${String(error)}`),
        });
        return notifications;
      },
    ],
    closeStore: () => db.close(),
  });
  if (!notifications) throw new Error('the hub started without its notification scheduler');
  return {
    url: composed.url ?? '',
    port: composed.port ?? options.port,
    sql: db.sql,
    dispatch: composed.dispatch,
    enrolments,
    notifications,
    close: composed.close,
  };
}
