import type { ApiClient } from '#shared/api/client';
import { ApiError } from '#shared/api/errors';
import { createHttpClient, type FetchLike } from '#shared/api/http-client';

/** How long a till waits for the hub before it serves the cashier offline. */
export const DEFAULT_HUB_TIMEOUT_MS = 1500;

/**
 * The typed API client for the hub, as this till's device. Every call has a deadline: a hub
 * that is slow is treated like one that is down, so the cashier never waits more than a
 * second or two (docs/architecture.md, "Online and offline at the till").
 */
export const createHubClient = (
  hubUrl: string,
  token: string | undefined,
  timeoutMs: number = DEFAULT_HUB_TIMEOUT_MS,
): ApiClient => {
  const once = (url: string, init: Parameters<FetchLike>[1]) =>
    fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit) as unknown as ReturnType<FetchLike>;
  // A pooled keep-alive socket the hub closed while it sat idle fails the next request at once
  // ("other side closed"): PGlite's synchronous work in this process can hold back the timer
  // that would have dropped it first. Every call a till makes to its hub is idempotent (pulls
  // read, pushes and forwarded redemptions carry ids), so one retry on a fresh socket is safe.
  const withDeadline: FetchLike = async (url, init) => {
    try {
      return await once(url, init);
    } catch (error) {
      if (!isStaleSocket(error)) throw error;
      return once(url, init);
    }
  };
  return createHttpClient(hubUrl, token, { fetch: withDeadline });
};

/**
 * "The hub cannot serve us right now": refused, timed out, cut, or failing (5xx). Anything
 * else (a rule said no, bad input, forbidden) is the hub's authoritative answer.
 */
export const isUnreachable = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL';

/** undici's error for a reused connection the server had already closed. */
const isStaleSocket = (error: unknown): boolean => {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'UND_ERR_SOCKET';
};
