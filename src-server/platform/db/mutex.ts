/**
 * A FIFO async mutex: callers run one at a time in arrival order. PGlite is one Postgres
 * backend; without this, two callers' BEGIN … COMMIT sequences would interleave on it.
 */
export type Mutex = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once everything queued so far has finished (used by close()). */
  drain(): Promise<void>;
};

export function createMutex(): Mutex {
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn);
      // The next caller waits for this one to settle, success or failure.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    drain: () => tail,
  };
}
