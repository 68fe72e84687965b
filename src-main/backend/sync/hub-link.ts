import type { ApiClient } from '../../../src-shared/api/client';
import { ApiError } from '../../../src-shared/api/errors';
import { createHttpClient, type FetchLike } from '../../../src-shared/api/http-client';

/** How long a till waits for the hub before it serves the cashier offline. */
export const DEFAULT_HUB_TIMEOUT_MS = 1500;

/**
 * The typed API client for the hub, as this till's device. Every call has a deadline: a hub
 * that is slow is treated like one that is down, so the cashier never waits more than a
 * second or two (DESIGN §7).
 */
export const createHubClient = (
  hubUrl: string,
  token: string | undefined,
  timeoutMs: number = DEFAULT_HUB_TIMEOUT_MS,
): ApiClient => {
  const withDeadline: FetchLike = (url, init) =>
    fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit) as unknown as ReturnType<FetchLike>;
  return createHttpClient(hubUrl, token, { fetch: withDeadline });
};

/**
 * "The hub cannot serve us right now": refused, timed out, cut, or failing (5xx). Anything
 * else (a rule said no, bad input, forbidden) is the hub's authoritative answer.
 */
export const isUnreachable = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL';
