/**
 * Writing integer values as code characters straight into byte buffers (no string per code):
 * the streaming paths spell tens of millions of codes a second this way.
 */

/** Writes `chars` characters of `value` in base alphabet.length, ending just before `end`. */
export type Speller = (target: Uint8Array, end: number, value: number, chars: number) => void;

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/**
 * Three characters per table look-up (36^3 entries, 137 KiB: stays in L2), so a 5-character
 * value costs one floating-point division instead of five integer ones. Values must be < 2^53,
 * which keeps the double quotient exact.
 */
export function createSpeller(alphabet: string): Speller {
  const digits = asciiBytes(alphabet);
  const radix = digits.length;
  const tripleRadix = radix * radix * radix;
  const triples = new Uint8Array(tripleRadix * 3);
  for (let v = 0; v < tripleRadix; v++) {
    triples[3 * v] = digits[Math.floor(v / (radix * radix))] as number;
    triples[3 * v + 1] = digits[Math.floor(v / radix) % radix] as number;
    triples[3 * v + 2] = digits[v % radix] as number;
  }
  return (target, end, value, chars) => {
    let x = value;
    let p = end;
    let left = chars;
    while (left >= 3) {
      const q = Math.floor(x / tripleRadix);
      const t = (x - q * tripleRadix) * 3;
      target[p - 3] = triples[t] as number;
      target[p - 2] = triples[t + 1] as number;
      target[p - 1] = triples[t + 2] as number;
      x = q;
      p -= 3;
      left -= 3;
    }
    for (; left > 0; left--) {
      const q = Math.floor(x / radix);
      target[--p] = digits[x - q * radix] as number;
      x = q;
    }
  };
}
