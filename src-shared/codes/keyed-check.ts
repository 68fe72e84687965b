import { ALPHANUMERIC } from './charsets';
import { normalizeCode } from './normalize';

/**
 * Short keyed check characters: a truncated HMAC-SHA256 over the series, the
 * code's index or code and, for personal codes, the customer. Appended to a code where the offer
 * allows it, it lets a till that has not synced since the coupon was issued tell an authentic
 * code for this customer from a guess: a guess passes with probability alphabet^-length
 * (1 in 1,296 for two alphanumeric characters, 1 in 46,656 for three).
 *
 * The key is a per-series backend secret, like the permutation key; tills hold it only in the
 * backend process, never in the renderer.
 * See docs/architecture.md, "Codes".
 */
export type CheckSubject = {
  /** The series (offer) identity. */
  series: string;
  /** The code's index in its series, or the code itself. */
  item: number | string;
  /** The customer a personal code was issued to; omit for codes anyone may redeem. */
  customer?: string;
};

export type CheckFormat = { length: number; alphabet?: string };

// The WebCrypto key type, named without the DOM lib (src-shared compiles without it).
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const importKey = async (key: Uint8Array): Promise<HmacKey> => {
  if (key.length < 16) throw new Error(`A check key needs at least 16 bytes, got ${key.length}.`);
  return crypto.subtle.importKey(
    'raw',
    // A copy backed by a plain ArrayBuffer: DOM's BufferSource type rejects SharedArrayBuffer views.
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
};

const checkOf = async (
  cryptoKey: HmacKey,
  subject: CheckSubject,
  format: CheckFormat,
): Promise<string> => {
  const alphabet = format.alphabet ?? ALPHANUMERIC;
  if (!Number.isInteger(format.length) || format.length < 1 || format.length > 8) {
    throw new Error(`Check length must be 1 to 8 characters, got ${format.length}.`);
  }
  // JSON keeps the fields unambiguous ("a", "bc" never reads as "ab", "c").
  const message = new TextEncoder().encode(
    JSON.stringify([subject.series, subject.item, subject.customer ?? null]),
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, message));
  // Rejection sampling keeps every check character uniform; 32 MAC bytes are ample for 8.
  const accept = Math.floor(256 / alphabet.length) * alphabet.length;
  let out = '';
  for (const byte of mac) {
    if (out.length === format.length) break;
    if (byte < accept) out += alphabet[byte % alphabet.length];
  }
  if (out.length < format.length) throw new Error('alphabet too large for a check of this length');
  return out;
};

/** Compares without an early exit. */
const sameCheck = (expected: string, check: string): boolean => {
  const given = normalizeCode(check);
  let diff = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
};

/** The check characters for a subject. */
export async function keyedCheck(
  key: Uint8Array,
  subject: CheckSubject,
  format: CheckFormat,
): Promise<string> {
  return checkOf(await importKey(key), subject, format);
}

/**
 * One key imported once, for many checks: bulk issuance appends a check to every code, and
 * importing the key per code would cost more than the MAC itself.
 */
export type KeyedChecker = {
  readonly format: CheckFormat;
  check(subject: CheckSubject): Promise<string>;
  verify(subject: CheckSubject, check: string): Promise<boolean>;
};

export async function createKeyedChecker(
  key: Uint8Array,
  format: CheckFormat,
): Promise<KeyedChecker> {
  const cryptoKey = await importKey(key);
  return {
    format,
    check: (subject) => checkOf(cryptoKey, subject, format),
    verify: async (subject, check) => sameCheck(await checkOf(cryptoKey, subject, format), check),
  };
}

/** A guess passes an offline check with probability at most 1 in this many. */
export const CHECK_GUESS_ODDS = 40_000;

/**
 * The check format for codes over `alphabet`: its own characters (a numeric code stays
 * numeric for keypads), as few as keep a guess at 1 in CHECK_GUESS_ODDS or worse (3 for
 * alphanumeric, 5 for digits), at most 8.
 */
export function checkFormatFor(alphabet: string): CheckFormat {
  const size = new Set(alphabet).size;
  if (size < 2) throw new Error('a check alphabet needs at least 2 characters');
  let length = 1;
  while (length < 8 && size ** length < CHECK_GUESS_ODDS) length += 1;
  return { length, alphabet };
}

/** Whether `check` (any case) is the subject's check. Compares without an early exit. */
export async function verifyKeyedCheck(
  key: Uint8Array,
  subject: CheckSubject,
  check: string,
  format: CheckFormat,
): Promise<boolean> {
  return sameCheck(await keyedCheck(key, subject, format), check);
}
