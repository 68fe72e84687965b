/**
 * The ids a first pull has already carried, kept as two independent 32-bit hashes per id in an
 * open-addressing table (16 bytes a slot, at most half full: ≈ 32 MB for a million customers,
 * where a Set of the id strings would hold several times that). A first pull's coupon pages
 * reference a million customers, all carried by earlier pages; asking the replica for 20,000 of
 * them a page cost more than applying the page. An id counts as carried when both hashes match
 * one added: for an id that was never added, the chance of that is about n / 2^64 (10^-13 for
 * a million), and such a parent would still arrive through the feed.
 */
export class IdFilter {
  private slots = new Uint32Array(1 << 12);
  private count = 0;

  add(id: string): void {
    if ((this.count + 1) * 4 > this.slots.length) this.grow();
    if (this.insert(hashA(id), hashB(id))) this.count += 1;
  }

  has(id: string): boolean {
    const a = hashA(id);
    const b = hashB(id);
    const mask = this.slots.length / 2 - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const sa = this.slots[i * 2] as number;
      const sb = this.slots[i * 2 + 1] as number;
      if (sa === 0 && sb === 0) return false;
      if (sa === a && sb === b) return true;
    }
  }

  get size(): number {
    return this.count;
  }

  private insert(a: number, b: number): boolean {
    const mask = this.slots.length / 2 - 1;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const sa = this.slots[i * 2] as number;
      const sb = this.slots[i * 2 + 1] as number;
      if (sa === a && sb === b) return false;
      if (sa === 0 && sb === 0) {
        this.slots[i * 2] = a;
        this.slots[i * 2 + 1] = b;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a !== 0 || b !== 0) this.insert(a, b);
    }
  }
}

/** FNV-1a over UTF-16 units. */
const hashA = (id: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** A multiply-rotate hash with other constants, finished with murmur3's mix; never 0. */
const hashB = (id: string): number => {
  let h = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    h = Math.imul(h ^ id.charCodeAt(i), 0x5bd1e995);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0 || 1;
};
