/**
 * Lets the host's event loop run (sockets, IPC, timers) before continuing. PGlite answers
 * queries without ever leaving the microtask queue, so a long upload job on it would otherwise
 * hold the whole process, including the response that acknowledged the upload.
 */
type TimerHost = { setTimeout?: (fn: () => void, ms: number) => unknown };

export function yieldToEventLoop(): Promise<void> {
  const host = globalThis as TimerHost;
  return new Promise<void>((resolve) => {
    if (host.setTimeout) host.setTimeout(resolve, 0);
    else resolve();
  });
}
