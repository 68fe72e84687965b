/**
 * The fixed half of a randomized common series (seed: "the fixed part will be unique in the
 * backend for an org"). It is a deterministic function of the org's salt, the offer's key and an
 * attempt number: HMAC-SHA256(orgSalt, offerKey ‖ 0 ‖ attempt) mapped onto the alphabet by
 * rejection sampling. The caller checks it against the org's other series and, on a clash,
 * asks again with attempt + 1, so the result is stable, unpredictable without the salt, and unique.
 */
export type FixedPartRequest = {
  /** Per-org secret salt (≥ 16 bytes); it never leaves the backend. */
  orgSalt: Uint8Array;
  /** Stable identity of the offer, e.g. its id. */
  offerKey: string;
  length: number;
  alphabet: string;
  attempt?: number;
};

export async function deriveFixedPart(request: FixedPartRequest): Promise<string> {
  const { orgSalt, offerKey, length, alphabet } = request;
  const attempt = request.attempt ?? 0;
  if (orgSalt.length < 16)
    throw new Error(`orgSalt needs at least 16 bytes, got ${orgSalt.length}.`);
  if (!Number.isInteger(length) || length < 1 || length > 16) {
    throw new Error(`A fixed part has 1 to 16 characters, got ${length}.`);
  }
  if (alphabet.length < 2 || alphabet.length > 256)
    throw new Error('alphabet must have 2 to 256 characters.');
  const key = await crypto.subtle.importKey(
    'raw',
    // A copy backed by a plain ArrayBuffer: DOM's BufferSource type rejects SharedArrayBuffer views.
    new Uint8Array(orgSalt),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const accept = Math.floor(256 / alphabet.length) * alphabet.length;
  let out = '';
  // One 32-byte MAC gives ≥ 16 characters except with negligible probability; extra blocks
  // (block counter in the message) cover the rest.
  for (let block = 0; out.length < length; block++) {
    const message = new TextEncoder().encode(`${offerKey}\u0000${attempt}\u0000${block}`);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
    for (const byte of mac) {
      if (byte < accept) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
