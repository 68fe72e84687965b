import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isHubWorker, reportReady, runWorkers, workerLabel } from '#server/hub/cluster';
import { DEFAULT_POOL_SIZE, openHubDb } from '#server/hub/hub-db';
import { prepareHub, startHub, type HubOptions, type RunningHub } from '#server/hub/start-hub';
import {
  notificationOptions,
  notificationUsage,
  readNotificationFlags,
} from '#server/notifications/cli-options';
import { UsageError, type Command } from '#server/platform/cli-command';

const USAGE = `Usage: counterfoil hub --port P [--database-url postgres://…] [--data DIR] [--demo]

Runs the hub: the authoritative store and the whole API (back office works against it
directly) plus the sync endpoints tills use. Ctrl-C closes it cleanly.

Options:
  --port P              HTTP port (0 = any free port; default 8700)
  --host H              interface to listen on (default 127.0.0.1; 0.0.0.0 for the network)
  --database-url URL    a PostgreSQL server (default: embedded PGlite in --data)
  --data DIR            PGlite data directory (default .data/hub)
  --workers N           N hub processes on one port (PostgreSQL only; docs/deploy.md)
  --db-pool N           PostgreSQL connections per hub process (default ${DEFAULT_POOL_SIZE})
  --demo                load the demo org, offers and users; print one enrolment code per till
  --static DIR          the built UI to serve (default: out/renderer when it exists)
  --lease-ttl-minutes N     offline allowance lifetime (default 1440)
  --lease-reclaim-after-grace  take back unspent allowance of expired leases after the grace,
                        before their till reports (default: kept until it reports or a person
                        writes it off; a sale the till made in good faith may then pass the limit)
  --lease-grace-minutes N   with --lease-reclaim-after-grace: how long after expiry (default 1440)
${notificationUsage}
  -h, --help            this help

Connect a till:  counterfoil till --data DIR --hub http://HOST:P --enrol CODE`;

const intOption = (
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max}, got "${value}"\n\n${USAGE}`,
    );
  }
  return n;
};

export const command: Command = {
  summary: 'Run the hub: authoritative store, the whole API and the sync endpoints',
  async run(argv) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          'database-url': { type: 'string' },
          data: { type: 'string' },
          workers: { type: 'string' },
          'db-pool': { type: 'string' },
          demo: { type: 'boolean', default: false },
          static: { type: 'string' },
          'lease-ttl-minutes': { type: 'string' },
          'lease-grace-minutes': { type: 'string' },
          'lease-reclaim-after-grace': { type: 'boolean' },
          ...notificationOptions,
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
    }
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const notify = readNotificationFlags(values);
    const defaultStatic = join(process.cwd(), 'out', 'renderer');
    const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
    const workers = intOption('workers', values.workers, 1, 64) ?? 1;
    if (workers > 1 && !databaseUrl) {
      throw new UsageError(
        '--workers needs --database-url: the embedded PGlite is single-process (one hub process per data folder)',
      );
    }
    const options: HubOptions = {
      port: intOption('port', values.port, 0, 65535) ?? 8700,
      hostname: values.host,
      databaseUrl,
      dataDir: resolve(values.data ?? '.data/hub'),
      demo: values.demo,
      staticDir: values.static
        ? resolve(values.static)
        : existsSync(join(defaultStatic, 'index.html'))
          ? defaultStatic
          : undefined,
      leaseTtlMinutes: intOption('lease-ttl-minutes', values['lease-ttl-minutes'], 1, 525_600),
      leaseGraceMinutes: intOption(
        'lease-grace-minutes',
        values['lease-grace-minutes'],
        0,
        525_600,
      ),
      ...(values['lease-reclaim-after-grace'] ? { leaseReclaimAfterGrace: true } : {}),
      ...(notify.clock ? { clock: notify.clock } : {}),
      poolSize: intOption('db-pool', values['db-pool'], 2, 1000),
      notifications: { smtp: notify.smtp, sms: notify.sms, intervalMs: notify.intervalMs },
    };
    if (isHubWorker()) return runWorker(options);
    if (workers > 1) return runPrimary(options, workers);
    const hub = await startHub(options);
    printEnrolments(hub.enrolments);
    process.stdout.write(`Counterfoil hub running at ${hub.url}\n`);
    onStopSignal(() => hub.close());
    await new Promise<never>(() => undefined);
    return 0;
  },
};

const printEnrolments = (enrolments: RunningHub['enrolments']): void => {
  for (const e of enrolments) {
    process.stdout.write(`enrolment code for till ${e.tillId} (store ${e.storeId}): ${e.code}\n`);
  }
};

/** Ctrl-C or SIGTERM closes cleanly, once; the process exits when close resolves. */
function onStopSignal(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing the hub…\n`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** --workers N: the start-up work once, then N workers serving the port. */
async function runPrimary(options: HubOptions, count: number): Promise<number> {
  const log = (line: string) => console.log(line);
  const clock = options.clock ?? (() => new Date());
  const db = await openHubDb({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? '.data/hub',
    log,
    poolSize: 2,
  });
  let enrolments: RunningHub['enrolments'];
  try {
    enrolments = await prepareHub(db.sql, options, clock, log);
  } finally {
    await db.close();
  }
  const running = await runWorkers(count, log);
  printEnrolments(enrolments);
  process.stdout.write(`Counterfoil hub running at ${running.url} (${count} workers)\n`);
  onStopSignal(() => running.stop());
  await new Promise<never>(() => undefined);
  return 0;
}

/** One of the primary's workers: serves; the primary has prepared the database. */
async function runWorker(options: HubOptions): Promise<number> {
  const label = workerLabel();
  const hub = await startHub({
    ...options,
    prepared: true,
    log: (line) => console.log(`[${label}] ${line}`),
  });
  reportReady(hub.url);
  onStopSignal(() => hub.close());
  // The primary is gone (killed): stop too rather than serve unsupervised.
  process.once('disconnect', () => {
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  await new Promise<never>(() => undefined);
  return 0;
}
