import { pushMessage } from '../ipc/protocol';
import { parseBackendArgs } from './args';
import { serveParentPort, type ParentPortLike } from './parent-port-host';
import { closeOnSignals, startBackend } from './start-backend';
import { createRequestHandler } from './request-handler';

/**
 * The backend bundle (out/main/backend.js). In Electron it runs in a utility process and
 * talks to main over process.parentPort; started with plain Node it serves HTTP (headless).
 */
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

const runInUtilityProcess = (port: ParentPortLike): void => {
  // Async so that a bad argument becomes a 'fatal' message rather than a silent crash.
  const backend = (async () => {
    const args = parseBackendArgs(process.argv.slice(2));
    // Every option, as the headless till gets them: a field copied by hand here once dropped --hub.
    return startBackend({
      ...args,
      log: (line) => console.log(`[backend] ${line}`),
      emit: (channel, payload) => port.postMessage(pushMessage(channel, payload)),
    });
  })();
  serveParentPort(
    port,
    backend.then((b) => ({
      handle: createRequestHandler(b),
      shutdown: async () => {
        await b.close();
        process.exit(0);
      },
    })),
  );
  backend.then(
    (b) => {
      closeOnSignals(b, (line) => console.log(`[backend] ${line}`));
      port.postMessage({ type: 'ready', url: b.url });
    },
    (error: unknown) => {
      port.postMessage({
        type: 'fatal',
        message: error instanceof Error ? error.message : String(error),
      });
      // Let the message go out before exiting; main shows the reason instead of restarting.
      setTimeout(() => process.exit(1), 100);
    },
  );
};

const runHeadless = async (): Promise<void> => {
  const args = parseBackendArgs(process.argv.slice(2));
  const backend = await startBackend({ ...args, port: args.port ?? 8787 });
  closeOnSignals(backend);
  console.log(`Counterfoil till running at ${backend.url}`);
};

if (parentPort) {
  runInUtilityProcess(parentPort);
} else {
  runHeadless().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
