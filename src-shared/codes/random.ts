/**
 * The one source of randomness for codes: the Web Crypto CSPRNG, never Math.random (which is
 * predictable, so codes drawn from it can be guessed from a handful of samples).
 */

/** Web Crypto refuses to fill more than 65,536 bytes per call (QuotaExceededError). */
const MAX_BYTES_PER_CALL = 65_536;

/** Fills the whole array with cryptographically secure random bytes, in quota-sized slices. */
export function fillRandom(target: Uint8Array | Uint32Array): void {
  const perCall = MAX_BYTES_PER_CALL / target.BYTES_PER_ELEMENT;
  for (let start = 0; start < target.length; start += perCall) {
    crypto.getRandomValues(target.subarray(start, Math.min(target.length, start + perCall)));
  }
}

/** Fresh random bytes, e.g. a series key or an org salt. */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  fillRandom(bytes);
  return bytes;
}
