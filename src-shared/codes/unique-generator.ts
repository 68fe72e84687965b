import { isCodeChar, resolveCharset } from './charsets';
import { planDraws } from './draw-plan';
import { createNumberSet, mixHash } from './number-set';
import { normalizeCode } from './normalize';
import { fillRandom } from './random';
import { asciiBytes, createSpeller } from './spelling';
import { checkUniqueCodeRequest, MAX_UNIQUE_FILL, type UniqueCodeSpace } from './unique-capacity';

/**
 * Unique auto codes: prefix + `length` random characters + suffix, each random part drawn from
 * the CSPRNG and guaranteed distinct within the generator's lifetime and (optionally) against an
 * `exists` check such as "already in this offer".
 *
 * Speed comes from three choices: random words are drawn 64 KiB at a time; several characters
 * come from one 32-bit word (5 alphanumeric characters per word, rejection-sampled so there is
 * no modulo bias); and distinctness is checked on an exact integer encoding of the random part
 * (charset^length ≤ 2^53, e.g. 10 alphanumeric characters) in a flat hash table, falling back to
 * a string Set only for longer codes.
 */
export type UniqueCodeOptions = UniqueCodeSpace & {
  prefix?: string;
  suffix?: string;
  /** Codes the offer already holds, counted against the fill limit. */
  existingCount?: number;
  /** Fraction of the space that may be drawn (default 50%). */
  maxFill?: number;
  /** Expected number of codes, to size the table once instead of growing it. */
  expected?: number;
};

export type UniqueCodeGenerator = {
  readonly alphabet: string;
  /** Total characters per code, prefix and suffix included. */
  readonly codeLength: number;
  readonly capacity: number;
  readonly limit: number;
  readonly generated: number;
  /** Bytes held to guarantee distinctness (the dedupe table). */
  readonly memoryBytes: number;
  next(count: number): string[];
  /**
   * Writes `count` codes as ASCII, each followed by "\n", into `target` from `offset`, and
   * returns the offset after the last one. Needs count * (codeLength + 1) bytes of room.
   */
  writeLines(target: Uint8Array, offset: number, count: number): number;
};

const MAX_CONSECUTIVE_REJECTS = 10_000;
const NEWLINE = 10;

function affix(raw: string | undefined, field: string): Uint8Array {
  const text = normalizeCode(raw ?? '');
  for (const char of text) {
    if (!isCodeChar(char)) {
      throw new Error(
        `${field} ${JSON.stringify(raw)} contains ${JSON.stringify(char)}; use A-Z, 0-9, "-" or "_".`,
      );
    }
  }
  return asciiBytes(text);
}

export function createUniqueCodeGenerator(
  options: UniqueCodeOptions,
  exists?: (code: string) => boolean,
): UniqueCodeGenerator {
  if (!Number.isInteger(options.length) || options.length < 1 || options.length > 64) {
    throw new Error(`length must be a whole number from 1 to 64, got ${options.length}.`);
  }
  const alphabet = resolveCharset(options.charset, options.customCharset);
  const radix = alphabet.length;
  const prefix = affix(options.prefix, 'prefix');
  const suffix = affix(options.suffix, 'suffix');
  const codeLength = prefix.length + options.length + suffix.length;
  const maxFill = options.maxFill ?? MAX_UNIQUE_FILL;
  const existingCount = options.existingCount ?? 0;
  const capacity = radix ** options.length;
  const limit = Math.floor(capacity * maxFill);

  const plan = planDraws(radix, options.length);
  const groupCount = plan.chars.length;
  // Typed copies of the plan: the hot loop reads them millions of times.
  const groupChars = Int32Array.from(plan.chars);
  const groupModuli = Float64Array.from(plan.moduli);
  const groupThresholds = Float64Array.from(plan.thresholds);
  const groupWeights = Float64Array.from(plan.weights);
  const values = new Int32Array(groupCount);
  const numericKeys = capacity <= Number.MAX_SAFE_INTEGER;
  // The dedupe hash is computed from the int32 group values (cheap in the hot loop); the table
  // recomputes it from the key only when it grows, by splitting the key back into groups.
  const hashOfKey = (key: number): number => {
    let rest = key;
    let h = 0;
    for (let j = 0; j < groupCount; j++) {
      const m = groupModuli[j] as number;
      const part = rest % m;
      rest = (rest - part) / m;
      h = j === 0 ? part : mixHash(h, part);
    }
    return groupCount === 1 ? mixHash(h, 0) : h;
  };
  const seenNumbers = numericKeys ? createNumberSet(options.expected ?? 1024, hashOfKey) : null;
  const seenStrings = numericKeys ? null : new Set<string>();
  const pool = new Uint32Array(16_384);
  let poolPos = pool.length;
  let generated = 0;
  const randomStart = prefix.length;
  const line = new Uint8Array(codeLength);
  line.set(prefix, 0);
  line.set(suffix, prefix.length + options.length);
  const spellValue = createSpeller(alphabet);

  /** Draws one random part into `values`; rejection sampling keeps every character uniform. */
  function draw(): void {
    for (let j = 0; j < groupCount; j++) {
      const threshold = groupThresholds[j] as number;
      let word: number;
      do {
        if (poolPos === pool.length) {
          fillRandom(pool);
          poolPos = 0;
        }
        word = pool[poolPos++] as number;
      } while (word >= threshold);
      values[j] = word % (groupModuli[j] as number);
    }
  }

  /** Spells the random part held in source[base..base+groupCount) into `target` from `at`. */
  function spell(target: Uint8Array, at: number, source: Int32Array = values, base = 0): void {
    let end = at;
    for (let j = 0; j < groupCount; j++) {
      const chars = groupChars[j] as number;
      end += chars;
      spellValue(target, end, source[base + j] as number, chars);
    }
  }

  /** Claims the drawn part if it is new in this run and (when asked) unknown to the offer. */
  function claimFresh(): boolean {
    if (seenNumbers !== null) {
      let key = values[0] as number;
      let hash = key;
      for (let j = 1; j < groupCount; j++) {
        const part = values[j] as number;
        key += part * (groupWeights[j] as number);
        hash = mixHash(hash, part);
      }
      if (groupCount === 1) hash = mixHash(hash, 0);
      if (exists === undefined) return seenNumbers.addHashed(key, hash);
      if (seenNumbers.hasHashed(key, hash) || exists(codeText())) return false;
      seenNumbers.addHashed(key, hash);
      return true;
    }
    const text = codeText();
    if (seenStrings!.has(text) || (exists !== undefined && exists(text))) return false;
    seenStrings!.add(text);
    return true;
  }

  const decoder = new TextDecoder('latin1');
  function codeText(): string {
    spell(line, randomStart);
    return decoder.decode(line);
  }

  // The batched path (no `exists` check, numeric keys): draw BATCH candidates, insert them into
  // the table in one addMany (overlapping its cache misses), then spell the fresh ones.
  const BATCH = 4096;
  const batchValues = new Int32Array(BATCH * groupCount);
  const batchKeys = new Float64Array(BATCH);
  const batchHashes = new Int32Array(BATCH);
  const batchFresh = new Uint8Array(BATCH);

  function writeBatched(target: Uint8Array, offset: number, count: number): number {
    const table = seenNumbers!;
    const stride = codeLength + 1;
    let at = offset;
    for (let left = count; left > 0;) {
      const n = Math.min(BATCH, left);
      for (let i = 0; i < n; i++) {
        draw();
        const base = i * groupCount;
        let key = values[0] as number;
        let hash = key;
        batchValues[base] = key;
        for (let j = 1; j < groupCount; j++) {
          const part = values[j] as number;
          batchValues[base + j] = part;
          key += part * (groupWeights[j] as number);
          hash = mixHash(hash, part);
        }
        batchKeys[i] = key;
        batchHashes[i] = groupCount === 1 ? mixHash(hash, 0) : hash;
      }
      table.addMany(batchKeys, batchHashes, n, batchFresh);
      for (let i = 0; i < n; i++) {
        if (batchFresh[i] === 0) continue;
        for (let k = 0; k < prefix.length; k++) target[at + k] = prefix[k] as number;
        spell(target, at + randomStart, batchValues, i * groupCount);
        const suffixAt = at + randomStart + options.length;
        for (let k = 0; k < suffix.length; k++) target[suffixAt + k] = suffix[k] as number;
        target[at + codeLength] = NEWLINE;
        at += stride;
        left--;
      }
    }
    return at;
  }

  function nextFresh(): void {
    for (let rejects = 0; ; rejects++) {
      if (rejects === MAX_CONSECUTIVE_REJECTS) {
        throw new Error(
          `No free code found in ${MAX_CONSECUTIVE_REJECTS.toLocaleString('en-US')} draws: the code space is nearly full. Use a longer length.`,
        );
      }
      draw();
      if (claimFresh()) return;
    }
  }

  function reserve(count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new Error(`count must be a whole number ≥ 0, got ${count}.`);
    }
    const check = checkUniqueCodeRequest(options, generated + count, existingCount, maxFill);
    if (!check.ok) throw new Error(check.reasons.map((r) => r.message).join(' '));
  }

  return {
    alphabet,
    codeLength,
    capacity,
    limit,
    get generated() {
      return generated;
    },
    get memoryBytes() {
      return seenNumbers !== null ? seenNumbers.bytes : seenStrings!.size * (codeLength * 2 + 64);
    },
    next(count) {
      reserve(count);
      // Spell a chunk of lines into bytes, decode it once and split: far cheaper than building
      // each string on its own.
      const codes: string[] = [];
      const chunk = Math.min(count, 65_536);
      const bytes = new Uint8Array(chunk * (codeLength + 1));
      for (let done = 0; done < count;) {
        const n = Math.min(chunk, count - done);
        const end = this.writeLines(bytes, 0, n);
        const lines = decoder.decode(bytes.subarray(0, end - 1)).split('\n');
        for (const code of lines) codes.push(code);
        done += n;
      }
      return codes;
    },
    writeLines(target, offset, count) {
      reserve(count);
      const stride = codeLength + 1;
      if (offset + count * stride > target.length) {
        throw new Error(
          `writeLines needs ${count * stride} bytes from offset ${offset}, target has ${target.length}.`,
        );
      }
      if (seenNumbers !== null && exists === undefined) {
        const end = writeBatched(target, offset, count);
        generated += count;
        return end;
      }
      let at = offset;
      for (let i = 0; i < count; i++) {
        nextFresh();
        for (let k = 0; k < prefix.length; k++) target[at + k] = prefix[k] as number;
        spell(target, at + randomStart);
        const suffixAt = at + randomStart + options.length;
        for (let k = 0; k < suffix.length; k++) target[suffixAt + k] = suffix[k] as number;
        target[at + codeLength] = NEWLINE;
        at += stride;
      }
      generated += count;
      return at;
    },
  };
}
