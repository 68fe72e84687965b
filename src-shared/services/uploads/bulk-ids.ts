import { fillRandom } from '../../codes/random';

/**
 * UUIDv7 ids for bulk inserts, the same layout as services/shared/ids.ts (48-bit ms, version,
 * 12-bit counter, variant, 62 random bits) but with the randomness for a whole batch drawn in
 * one go and hex spelled from a table: an upload of millions of coupons spends its time in
 * COPY, not in one CSPRNG call and a dozen small strings per id. Time-ordered ids keep the
 * primary key's B-tree appending at its right edge.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bulkIds(count: number, nowMs: number): string[] {
  const ids = new Array<string>(count);
  if (count === 0) return ids;
  const random = new Uint8Array(count * 10);
  fillRandom(random);
  let ms = nowMs;
  // Start the counter in the lower half so it can count up within the millisecond.
  let seq = (((random[0] as number) << 8) | (random[1] as number)) & 0x7ff;
  for (let i = 0; i < count; i++) {
    if (seq > 0xfff) {
      ms += 1;
      seq = 0;
    }
    const hi = Math.floor(ms / 0x10000);
    const lo = ms % 0x10000;
    const r = i * 10;
    const timeHex =
      HEX[(hi >>> 24) & 0xff]! +
      HEX[(hi >>> 16) & 0xff]! +
      HEX[(hi >>> 8) & 0xff]! +
      HEX[hi & 0xff]! +
      '-' +
      HEX[(lo >>> 8) & 0xff]! +
      HEX[lo & 0xff]!;
    const verSeq = HEX[0x70 | ((seq >>> 8) & 0x0f)]! + HEX[seq & 0xff]!;
    const variant = HEX[0x80 | ((random[r + 2] as number) & 0x3f)]! + HEX[random[r + 3] as number]!;
    let node = '';
    for (let k = r + 4; k < r + 10; k++) node += HEX[random[k] as number]!;
    ids[i] = `${timeHex}-${verSeq}-${variant}-${node}`;
    seq++;
  }
  return ids;
}
