/**
 * Retry delays for the sync loop: exponential with "full jitter" (a uniform draw below the
 * exponential cap), so tills that lost the hub together do not come back in lock-step.
 */
export type BackoffPolicy = {
  /** Delay after the first failure, ms. */
  baseMs: number;
  /** Never wait longer than this, ms. */
  maxMs: number;
};

/** A uniform draw in [0, 1) from the CSPRNG (Math.random is banned in this code base). */
export const randomUnit = (): number => {
  const word = new Uint32Array(1);
  crypto.getRandomValues(word);
  return (word[0] as number) / 4_294_967_296;
};

/** Cap for the n-th consecutive failure (n ≥ 1). */
export const backoffCap = (policy: BackoffPolicy, failures: number): number =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));

/** Delay before the next attempt after `failures` consecutive failures (0 = healthy). */
export const backoffDelay = (
  policy: BackoffPolicy,
  failures: number,
  unit: () => number = randomUnit,
): number => {
  if (failures <= 0) return 0;
  const cap = backoffCap(policy, failures);
  // Half fixed, half jitter: never hammer (≥ cap/2) yet still spread out.
  return Math.floor(cap / 2 + unit() * (cap / 2));
};
