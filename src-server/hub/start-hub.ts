import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { bindDispatch, createDispatcher, type BoundDispatch } from '../../src-shared/api/dispatch';
import type { Principal } from '../../src-shared/api/roles';
import { resolveToken } from '../../src-shared/services/auth/sessions';
import { seedDemo } from '../../src-shared/services/demo/seed-demo';
import { createHandlers } from '../../src-shared/services/handlers';
import { nameUploadRunner, resumeUploads, stopUploads } from '../../src-shared/services/uploads';
import {
  createEnrolment,
  isDeviceToken,
  resolveDeviceToken,
} from '../../src-shared/services/sync/hub/devices';
import type { SqlPort } from '../../src-shared/sql/port';
import { createHttpApp } from '../platform/http/app';
import { listen, type RunningServer } from '../platform/http/listen';
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
    const seeded = await seedDemo(sql, clock());
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
  let server: RunningServer | null = null;
  try {
    log(`hub database: ${db.describe}`);
    const enrolments = options.prepared ? [] : await prepareHub(db.sql, options, clock, log);
    const dispatch = bindDispatch(
      createDispatcher(createHandlers(), {
        onInternalError: (error, name) =>
          log(
            `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
      }),
      { sql: db.sql, now: clock, host: 'hub' },
    );
    const resolvePrincipal = (token: string) =>
      isDeviceToken(token)
        ? resolveDeviceToken(db.sql, token)
        : resolveToken(db.sql, token, clock());
    const app = createHttpApp({
      dispatch,
      resolvePrincipal,
      staticDir: options.staticDir,
      host: 'hub',
      onInternalError: (error) => log(`http: ${String(error)}`),
    });
    server = await listen(app, { port: options.port, hostname: options.hostname });
    const running = server;
    // Uploads acknowledged before a stop (QUEUED, or RUNNING when it died) finish now, here or
    // in another hub process on the same database (upload-queue.ts: one runner at a time).
    nameUploadRunner(db.sql, `hub ${hostname()}:${process.pid}`, clock);
    const resumed = await resumeUploads(db.sql, clock);
    if (resumed.length > 0) log(`resuming ${resumed.length} unfinished upload(s)`);
    // A peer that dies mid-upload releases its claim with its connection; whoever looks next
    // finishes the upload.
    const uploadPoll = db.sql.session
      ? setInterval(() => {
          resumeUploads(db.sql, clock).catch((e: unknown) => log(`uploads: ${String(e)}`));
        }, options.uploadPollMs ?? 5000)
      : null;
    uploadPoll?.unref();
    const n = options.notifications;
    log(describeNotificationChannels(n));
    const notifications = startNotifications({
      sql: db.sql,
      clock,
      smtp: n?.smtp ?? null,
      sms: n?.sms ?? null,
      intervalMs: n?.intervalMs,
      options: n?.options,
      onError: (error) => log(`notifications: ${String(error)}`),
    });
    let closing: Promise<void> | null = null;
    return {
      url: running.url,
      port: running.port,
      sql: db.sql,
      dispatch,
      enrolments,
      notifications,
      close: () =>
        (closing ??= (async () => {
          await running.close().catch((e: unknown) => log(`closing HTTP: ${String(e)}`));
          if (uploadPoll) clearInterval(uploadPoll);
          await notifications.stop().catch((e: unknown) => log(`notifications: ${String(e)}`));
          // Between batches: an upload in progress is left for another process or the next start.
          await stopUploads(db.sql);
          await db.close();
        })()),
    };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
