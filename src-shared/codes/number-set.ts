/**
 * A set of non-negative integers below 2^53, open addressing with linear probing over one
 * Float64Array. A JS Set holds each number above 2^31 as a boxed heap number (~50 bytes and an
 * allocation each); this holds it in 8 bytes at ≤ 50% load, so 10 M codes fit in ~256 MB at
 * worst and ~128 MB typically, with no garbage for the collector to chase.
 */
const EMPTY = -1;
/** addMany's touching pass writes here, so the optimiser cannot drop it as dead code. */
const touchSink = new Float64Array(1);
const TWO_32 = 4_294_967_296;

export type NumberSet = {
  /** Adds the value; false if it was already present. */
  add(value: number): boolean;
  /**
   * add() with the caller's 32-bit hash of the value (cheaper when the caller holds the value's
   * int32 parts). The same value must always come with the same hash.
   */
  addHashed(value: number, hash: number): boolean;
  hasHashed(value: number, hash: number): boolean;
  /**
   * Adds values[i] (with hashes[i]) for i < count and sets fresh[i] to 1 if it was new, 0 if not;
   * returns how many were new. Faster than one add() at a time on a table bigger than the CPU
   * cache: a first pass touches every home slot, so the cache misses overlap instead of queueing.
   */
  addMany(values: Float64Array, hashes: Int32Array, count: number, fresh: Uint8Array): number;
  has(value: number): boolean;
  readonly size: number;
  /** Bytes held by the table. */
  readonly bytes: number;
};

/** A 32-bit hash of a value below 2^53 from its two 32-bit halves. */
export function hashNumber(value: number): number {
  const lo = value >>> 0;
  return mixHash(lo, ((value - lo) / TWO_32) | 0);
}

/** Mixes two int32s into a well-spread 32-bit hash (murmur3 finaliser). */
export function mixHash(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * `hashOf` is the set's one hash function; addHashed/hasHashed let a caller pass its result when
 * it can compute it more cheaply, and the set uses hashOf itself when it grows.
 */
export function createNumberSet(
  expected = 1024,
  hashOf: (value: number) => number = hashNumber,
): NumberSet {
  const rehash = hashOf;
  let slots = 16;
  while (slots < expected * 2) slots *= 2;
  let table = new Float64Array(slots).fill(EMPTY);
  let mask = slots - 1;
  let size = 0;

  function insert(into: Float64Array, intoMask: number, value: number, hash: number): boolean {
    let slot = hash & intoMask;
    for (;;) {
      const held = into[slot];
      if (held === EMPTY) {
        into[slot] = value;
        return true;
      }
      if (held === value) return false;
      slot = (slot + 1) & intoMask;
    }
  }

  function grow(): void {
    const bigger = new Float64Array(table.length * 2).fill(EMPTY);
    const biggerMask = bigger.length - 1;
    for (let i = 0; i < table.length; i++) {
      const value = table[i] as number;
      // Rehashing from the value is only correct if callers hash the same way: they do, since
      // addHashed's contract is hash === hashOf(value) for one fixed function per set.
      if (value !== EMPTY) insert(bigger, biggerMask, value, rehash(value));
    }
    table = bigger;
    mask = biggerMask;
  }

  return {
    add(value) {
      return this.addHashed(value, hashOf(value));
    },
    addHashed(value, hash) {
      if (!insert(table, mask, value, hash)) return false;
      size++;
      if (size * 2 > table.length) grow();
      return true;
    },
    addMany(values, hashes, count, fresh) {
      while ((size + count) * 2 > table.length) grow();
      let touched = 0;
      for (let i = 0; i < count; i++) touched += table[(hashes[i] as number) & mask] as number;
      touchSink[0] = touched;
      let added = 0;
      for (let i = 0; i < count; i++) {
        const isNew = insert(table, mask, values[i] as number, hashes[i] as number);
        fresh[i] = isNew ? 1 : 0;
        if (isNew) added++;
      }
      size += added;
      return added;
    },
    has(value) {
      return this.hasHashed(value, hashOf(value));
    },
    hasHashed(value, hash) {
      let slot = hash & mask;
      for (;;) {
        const held = table[slot];
        if (held === EMPTY) return false;
        if (held === value) return true;
        slot = (slot + 1) & mask;
      }
    },
    get size() {
      return size;
    },
    get bytes() {
      return table.byteLength;
    },
  };
}
