import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TillHubOptions } from './sync/attach';

export const BACKEND_USAGE = `Options:
  --data DIR      data directory (PGlite database and journal), created if missing (required)
  --port P        serve the API and the UI over HTTP on port P (0 = any free port)
  --host H        interface to listen on (default 127.0.0.1; 0.0.0.0 for the whole network)
  --static DIR    the built UI to serve (default: out/renderer when it exists)
  --demo          load the demo data and one sign-in per role
  --hub URL       follow this hub: sync, and serve redemptions online while it answers
  --enrol CODE    one-time enrolment code for the first start with --hub
  --sync-interval MS   pause between sync rounds while online (default 5000)
  --hub-timeout MS     wait this long for the hub before serving offline (default 1500)
  --lease-want N       offline allowance to ask per series-limited offer (default 1000)
  --push-batch N       facts per push (default 500)
  --clock-offset-days N   run the till N days in the future (tests and demos; behind: =-N)
  -h, --help      this help`;

/** Every option of the till backend: the one list each host forwards and parses. */
export const backendOptions = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  static: { type: 'string' },
  demo: { type: 'boolean', default: false },
  hub: { type: 'string' },
  enrol: { type: 'string' },
  'sync-interval': { type: 'string' },
  'hub-timeout': { type: 'string' },
  'lease-want': { type: 'string' },
  'push-batch': { type: 'string' },
  'clock-offset-days': { type: 'string' },
} as const;
type BackendOption = keyof typeof backendOptions;

const envName = (option: string): string =>
  `COUNTERFOIL_${option.toUpperCase().replace(/-/g, '_')}`;

/**
 * The backend options found on another program's command line (the Electron app's, which also
 * carries Electron's and Chromium's own flags) and in the environment (`COUNTERFOIL_HUB`,
 * `COUNTERFOIL_SYNC_INTERVAL`, …), as backend arguments. `--data` is the caller's to decide.
 * One list for every host, so an option the headless till accepts reaches the desktop one too.
 */
export const forwardBackendOptions = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] => {
  const found = new Map<BackendOption, string | true>();
  for (const [option, spec] of Object.entries(backendOptions) as [
    BackendOption,
    (typeof backendOptions)[BackendOption],
  ][]) {
    if (option === 'data') continue;
    const fromEnv = env[envName(option)];
    if (fromEnv !== undefined && fromEnv !== '') {
      if (spec.type !== 'boolean') found.set(option, fromEnv);
      else if (fromEnv === '1' || fromEnv === 'true') found.set(option, true);
    }
    for (let i = 0; i < argv.length; i += 1) {
      const arg = argv[i] as string;
      if (spec.type === 'boolean') {
        if (arg === `--${option}`) found.set(option, true);
      } else if (arg === `--${option}` && i + 1 < argv.length) {
        found.set(option, argv[i + 1] as string);
      } else if (arg.startsWith(`--${option}=`)) {
        found.set(option, arg.slice(option.length + 3));
      }
    }
  }
  return [...found].flatMap(([option, value]) =>
    value === true ? [`--${option}`] : [`--${option}`, value],
  );
};

export type BackendArgs = {
  dataDir: string;
  port?: number;
  hostname?: string;
  staticDir?: string;
  demo: boolean;
  help: boolean;
  hub?: TillHubOptions;
  hubTuning?: Omit<TillHubOptions, 'url' | 'enrolCode'>;
  /** The till's clock, moved by --clock-offset-days. */
  clock?: () => Date;
};

export class BackendArgsError extends Error {
  override name = 'BackendArgsError';
}

/** Parses the till backend's command line (shared by `counterfoil till` and the backend bundle). */
export const parseBackendArgs = (argv: readonly string[], cwd = process.cwd()): BackendArgs => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        ...backendOptions,
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BackendArgsError((error as Error).message);
  }
  if (values.help) return { dataDir: '', demo: false, help: true };
  if (!values.data) throw new BackendArgsError('--data DIR is required');
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new BackendArgsError(`--port must be a number from 0 to 65535, got "${values.port}"`);
    }
  }
  const ms = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new BackendArgsError(`--${name} must be a positive whole number, got "${value}"`);
    }
    return Number(value);
  };
  if (values.enrol !== undefined && values.hub === undefined) {
    throw new BackendArgsError('--enrol needs --hub URL');
  }
  // Kept without --hub too: a till enrolled later from its screens syncs with them.
  const hubTuning = {
    syncIntervalMs: ms('sync-interval', values['sync-interval']),
    timeoutMs: ms('hub-timeout', values['hub-timeout']),
    leaseWant: ms('lease-want', values['lease-want']),
    pushBatch: ms('push-batch', values['push-batch']),
  };
  const hub: TillHubOptions | undefined =
    values.hub === undefined
      ? undefined
      : { url: values.hub, enrolCode: values.enrol, ...hubTuning };
  const offset = values['clock-offset-days'];
  if (offset !== undefined && (!/^-?\d+$/.test(offset) || Math.abs(Number(offset)) > 3650)) {
    throw new BackendArgsError(
      `--clock-offset-days must be a whole number from -3650 to 3650, got "${offset}"`,
    );
  }
  const offsetMs = offset === undefined ? 0 : Number(offset) * 86_400_000;
  const defaultStatic = join(cwd, 'out', 'renderer');
  const staticDir = values.static
    ? resolve(cwd, values.static)
    : existsSync(join(defaultStatic, 'index.html'))
      ? defaultStatic
      : undefined;
  return {
    dataDir: resolve(cwd, values.data),
    port,
    hostname: values.host,
    staticDir,
    demo: values.demo,
    help: false,
    ...(hub ? { hub } : {}),
    hubTuning,
    ...(offsetMs !== 0 ? { clock: () => new Date(Date.now() + offsetMs) } : {}),
  };
};
