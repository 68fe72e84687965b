// `counterfoil till`: the headless till, the same backend the Electron app runs in its utility
// process. The launcher (bin/counterfoil.mjs) hands it to the CLI, so the hub's side never
// imports the till host.
import { UsageError, type Command } from '#server/platform/cli-command';
import { BACKEND_USAGE, BackendArgsError, parseBackendArgs } from './args';
import { closeOnSignals, startBackend } from './start-backend';

const USAGE = `Usage: counterfoil till --data DIR [--port P] [--demo]

Runs a till backend without Electron: the PGlite replica in DIR, the API over HTTP and, when
built (npm run build), the app itself at the printed URL. Ctrl-C closes the database cleanly.

${BACKEND_USAGE}`;

export const command: Command = {
  summary: 'Run a till headless: local database, API and UI over HTTP',
  async run(argv) {
    let args;
    try {
      args = parseBackendArgs(argv);
    } catch (error) {
      if (error instanceof BackendArgsError) throw new UsageError(`${error.message}\n\n${USAGE}`);
      throw error;
    }
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const backend = await startBackend({ ...args, port: args.port ?? 8787 });
    closeOnSignals(backend);
    process.stdout.write(`Counterfoil till running at ${backend.url}\n`);
    if (!args.staticDir) {
      process.stdout.write('The UI is not built; run `npm run build` to serve it here too.\n');
    }
    // Keep running until a signal closes the backend.
    await new Promise<never>(() => undefined);
    return 0;
  },
};
