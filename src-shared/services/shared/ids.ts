import { fillRandom } from '#shared/codes/random';

/**
 * Time-ordered ids (UUIDv7 layout, RFC 9562): 48-bit Unix milliseconds, version 7, a 12-bit
 * sequence, the variant, then 62 random bits. Ordered ids keep B-tree inserts at the right edge
 * and let facts from different tills sort by creation without a central counter. The one
 * UUIDv7 helper: `newId` for one id, `bulkIds` for a batch.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Spells one id; its random bits are `random[at + 2 … at + 9]`. */
const spell = (ms: number, seq: number, random: Uint8Array, at: number): string => {
  // 48-bit big-endian timestamp; split to stay within safe integer bit operations.
  const hi = Math.floor(ms / 0x10000);
  const lo = ms % 0x10000;
  const time =
    HEX[(hi >>> 24) & 0xff]! +
    HEX[(hi >>> 16) & 0xff]! +
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]!;
  const verSeq = HEX[0x70 | ((seq >>> 8) & 0x0f)]! + HEX[seq & 0xff]!;
  const variant = HEX[0x80 | ((random[at + 2] as number) & 0x3f)]! + HEX[random[at + 3] as number]!;
  let node = '';
  for (let k = at + 4; k < at + 10; k++) node += HEX[random[k] as number]!;
  return `${time}-${verSeq}-${variant}-${node}`;
};

/** A random start in the lower half leaves room to count up within the millisecond. */
const firstSeq = (random: Uint8Array, at: number): number =>
  (((random[at] as number) << 8) | (random[at + 1] as number)) & 0x7ff;

let lastMs = -1;
let seq = 0;

/** A new UUIDv7 string; strictly increasing within this process even inside one millisecond. */
export function newId(nowMs: number = Date.now()): string {
  const rand = new Uint8Array(10);
  fillRandom(rand);
  let ms = Math.max(nowMs, lastMs);
  if (ms === lastMs) {
    seq += 1;
    // 12 bits of sequence used up: borrow the next millisecond rather than repeat an order.
    if (seq > 0xfff) {
      ms += 1;
      seq = (rand[0] as number) & 0x3ff;
    }
  } else {
    seq = firstSeq(rand, 0);
  }
  lastMs = ms;
  return spell(ms, seq, rand, 0);
}

/**
 * `count` ids for a bulk insert, with the randomness for the whole batch drawn in one go: an
 * upload of millions of coupons spends its time in COPY, not in one CSPRNG call per id.
 */
export function bulkIds(count: number, nowMs: number): string[] {
  const ids = new Array<string>(count);
  if (count === 0) return ids;
  const random = new Uint8Array(count * 10);
  fillRandom(random);
  let ms = nowMs;
  let next = firstSeq(random, 0);
  for (let i = 0; i < count; i++) {
    if (next > 0xfff) {
      ms += 1;
      next = 0;
    }
    ids[i] = spell(ms, next, random, i * 10);
    next++;
  }
  return ids;
}

/** The millisecond timestamp a UUIDv7 carries. */
export function idTimeMs(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
