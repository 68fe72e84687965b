/** Small byte helpers for the auth service (no Buffer in src-shared). */

export const bytesToHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const hexToBytes = (hex: string): Uint8Array<ArrayBuffer> => {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
};

export const randomHex = (byteCount: number): string =>
  bytesToHex(crypto.getRandomValues(new Uint8Array(byteCount)));

/** SHA-256 of a text as hex. A host may pass its own (Web Crypto's async job dominated a hub request's token check). */
export type Sha256Hex = (text: string) => string | Promise<string>;

export const sha256Hex = async (text: string): Promise<string> =>
  bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));

/** Compares without an early exit, so timing does not reveal how much of a secret matched. */
export const constantTimeEqual = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
};
