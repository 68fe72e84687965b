/**
 * Base64 to bytes in plain TypeScript, for runtimes without a native decoder at hand (src-shared
 * has no Buffer). A till on Node passes Buffer's own decoder instead (sync-client.ts), which is
 * many times faster on a first pull's multi-megabyte pages.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;

const value = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  const v = c < 128 ? (lookup[c] as number) : -1;
  if (v < 0) throw new Error(`not base64: character ${i} is ${JSON.stringify(text[i])}`);
  return v;
};

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('not base64: length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let j = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c2 = last && pad === 2 ? 0 : value(text, i + 2);
    const c3 = last && pad >= 1 ? 0 : value(text, i + 3);
    const v = (value(text, i) << 18) | (value(text, i + 1) << 12) | (c2 << 6) | c3;
    out[j++] = v >> 16;
    if (j < out.length) out[j++] = (v >> 8) & 255;
    if (j < out.length) out[j++] = v & 255;
  }
  return out;
}
