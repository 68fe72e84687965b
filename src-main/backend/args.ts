import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const BACKEND_USAGE = `Options:
  --data DIR      data directory (PGlite database and journal), created if missing (required)
  --port P        serve the API and the UI over HTTP on port P (0 = any free port)
  --host H        interface to listen on (default 127.0.0.1; 0.0.0.0 for the whole network)
  --static DIR    the built UI to serve (default: out/renderer when it exists)
  --demo          load the demo data and one sign-in per role
  -h, --help      this help`;

export type BackendArgs = {
  dataDir: string;
  port?: number;
  hostname?: string;
  staticDir?: string;
  demo: boolean;
  help: boolean;
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
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        static: { type: 'string' },
        demo: { type: 'boolean', default: false },
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
  };
};
