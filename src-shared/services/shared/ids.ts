/**
 * Time-ordered ids (UUIDv7 layout, RFC 9562): 48-bit Unix milliseconds, version 7, a 12-bit
 * sequence, the variant, then 62 random bits. Ordered ids keep B-tree inserts at the right edge
 * and let facts from different tills sort by creation without a central counter.
 */
let lastMs = -1;
let seq = 0;

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A new UUIDv7 string; strictly increasing within this process even inside one millisecond. */
export function newId(nowMs: number = Date.now()): string {
  const rand = new Uint8Array(10);
  crypto.getRandomValues(rand);
  let ms = Math.max(nowMs, lastMs);
  if (ms === lastMs) {
    seq += 1;
    // 12 bits of sequence used up: borrow the next millisecond rather than repeat an order.
    if (seq > 0xfff) {
      ms += 1;
      seq = (rand[0] as number) & 0x3ff;
    }
  } else {
    // Random start in the lower half leaves room to count up within the millisecond.
    seq = (((rand[0] as number) << 8) | (rand[1] as number)) & 0x7ff;
  }
  lastMs = ms;
  const b = new Uint8Array(16);
  // 48-bit big-endian timestamp; split to stay within safe integer bit operations.
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  b[0] = (hi >>> 24) & 0xff;
  b[1] = (hi >>> 16) & 0xff;
  b[2] = (hi >>> 8) & 0xff;
  b[3] = hi & 0xff;
  b[4] = (lo >>> 8) & 0xff;
  b[5] = lo & 0xff;
  b[6] = 0x70 | ((seq >>> 8) & 0x0f);
  b[7] = seq & 0xff;
  b.set(rand.subarray(2), 8);
  b[8] = 0x80 | ((b[8] as number) & 0x3f);
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The millisecond timestamp a UUIDv7 carries. */
export function idTimeMs(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
