import { plainMessage } from '#renderer/ui/plain-language';

/** A till not heard from for this long is flagged: a normal round is seconds apart. */
export const staleAfterMinutes = 15;

const unreachable =
  /cannot reach|fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timed? ?out|network/i;

/**
 * The last sync error as a store manager reads it. Transport failures (a URL, "fetch failed",
 * ECONNREFUSED) all mean the same thing to them: the hub did not answer.
 */
export function hubErrorText(error: string): string {
  if (unreachable.test(error)) {
    return 'The hub did not answer: it may be switched off, or the store’s network is down. Sales go on offline and are sent when it answers again.';
  }
  return plainMessage(error);
}

/** "3 hours", "2 days": how long a till has been silent, or null while it is within the limit. */
export function silentFor(lastSeenAt: string | null, now: Date): string | null {
  if (!lastSeenAt) return 'never seen';
  const minutes = Math.floor((now.getTime() - new Date(lastSeenAt).getTime()) / 60_000);
  if (!(minutes >= staleAfterMinutes)) return null;
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}
