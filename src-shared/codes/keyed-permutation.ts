/**
 * A keyed pseudo-random permutation of [0, size): an unbalanced Feistel network over the
 * smallest bit width that holds `size`, with cycle walking (re-encrypt until the value falls
 * inside the domain, which keeps it a bijection on [0, size)). Because the bit width is at most
 * one more than log2(size), fewer than 2 walks are needed on average.
 *
 * The round function is fast keyed integer mixing (murmur3's finaliser around the round key),
 * chosen so a whole 60 M-code series streams at > 10 M codes/s. It is a keyed pseudo-random
 * permutation, NOT a cipher: it makes a series' codes look scattered and unpredictable to
 * someone without the key, but makes no claim against cryptanalysis. Authenticity against a
 * determined guesser is the job of a keyed check (HMAC), not of this.
 *
 * The key is a per-series secret: it never leaves the backend (hub or till backend), never
 * reaches the renderer or an export.
 */
export const ROUNDS = 8;
/** Largest domain: every intermediate stays a non-negative int32. */
export const MAX_PERMUTATION_SIZE = 2 ** 31;

export type KeyedPermutation = {
  readonly size: number;
  /** index → permuted value, both in [0, size). */
  forward(index: number): number;
  /** permuted value → index: forward(inverse(v)) === v. */
  inverse(value: number): number;
  /** Bulk forward: out[i] = forward(start + i) for every i < out.length (no per-call checks). */
  fill(out: Int32Array, start: number): void;
};

/** murmur3 fmix32 — full avalanche on 32 bits in five cheap operations. */
function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Round keys from the whole key: every key byte influences every round key, so keys that differ
 * anywhere give unrelated permutations.
 */
export function deriveRoundKeys(key: Uint8Array, rounds = ROUNDS): Int32Array {
  if (key.length < 16) throw new Error(`A series key needs at least 16 bytes, got ${key.length}.`);
  const roundKeys = new Int32Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let h = fmix32(Math.imul(r + 1, 0x9e3779b1) ^ key.length);
    for (let i = 0; i < key.length; i += 4) {
      const word =
        (key[i] as number) |
        ((key[i + 1] ?? 0) << 8) |
        ((key[i + 2] ?? 0) << 16) |
        ((key[i + 3] ?? 0) << 24);
      h = fmix32(Math.imul(h ^ word, 0x27d4eb2f) + i);
    }
    roundKeys[r] = fmix32(h ^ Math.imul(r, 0x165667b1));
  }
  return roundKeys;
}

export type FeistelShape = { bits: number; leftBits: number; rightBits: number };

/** Splits the smallest bit width holding [0, size) into a left and right half (left ≤ right). */
export function feistelShape(size: number): FeistelShape {
  if (!Number.isSafeInteger(size) || size < 2 || size > MAX_PERMUTATION_SIZE) {
    throw new Error(`A permutation domain must hold 2 to 2^31 values, got ${size}.`);
  }
  let bits = 2;
  while (2 ** bits < size) bits++;
  const leftBits = bits >> 1;
  return { bits, leftBits, rightBits: bits - leftBits };
}

export function createKeyedPermutation(size: number, key: Uint8Array): KeyedPermutation {
  const { leftBits, rightBits } = feistelShape(size);
  const roundKeys = deriveRoundKeys(key);

  // One pass of the network. Each round: (L, R) → (R, L ^ F(R)); the halves have different
  // widths when the bit count is odd, so the masks alternate.
  function encrypt(x: number): number {
    let l = x >>> rightBits;
    let r = x & ((1 << rightBits) - 1);
    let lw = leftBits;
    let rw = rightBits;
    for (let k = 0; k < ROUNDS; k++) {
      const f = fmix32(Math.imul(r ^ (roundKeys[k] as number), 0x9e3779b1));
      const next = (l ^ f) & ((1 << lw) - 1);
      l = r;
      r = next;
      const w = lw;
      lw = rw;
      rw = w;
    }
    return (l << rw) | r;
  }

  function decrypt(y: number): number {
    // After ROUNDS rounds the widths are (lw, rw); walk the rounds backwards.
    let lw = ROUNDS % 2 === 0 ? leftBits : rightBits;
    let rw = ROUNDS % 2 === 0 ? rightBits : leftBits;
    let l = y >>> rw;
    let r = y & ((1 << rw) - 1);
    for (let k = ROUNDS - 1; k >= 0; k--) {
      // Undo (L, R) → (R, L ^ F(R)): the old R is the current L; the old L had the current R's width.
      const prevR = l;
      const f = fmix32(Math.imul(prevR ^ (roundKeys[k] as number), 0x9e3779b1));
      const prevL = (r ^ f) & ((1 << rw) - 1);
      l = prevL;
      r = prevR;
      const w = lw;
      lw = rw;
      rw = w;
    }
    return (l << rw) | r;
  }

  return {
    size,
    forward(index) {
      if (!Number.isInteger(index) || index < 0 || index >= size) {
        throw new RangeError(`index ${index} is outside [0, ${size}).`);
      }
      let v = encrypt(index);
      while (v >= size) v = encrypt(v);
      return v;
    },
    fill(out, start) {
      if (!Number.isInteger(start) || start < 0 || start + out.length > size) {
        throw new RangeError(
          `indices ${start}..${start + out.length - 1} are outside [0, ${size}).`,
        );
      }
      for (let i = 0; i < out.length; i++) {
        let v = encrypt(start + i);
        while (v >= size) v = encrypt(v);
        out[i] = v;
      }
    },
    inverse(value) {
      if (!Number.isInteger(value) || value < 0 || value >= size) {
        throw new RangeError(`value ${value} is outside [0, ${size}).`);
      }
      let i = decrypt(value);
      while (i >= size) i = decrypt(i);
      return i;
    },
  };
}
