import { fail, ok, reason, type Result } from '../domain/reasons';
import { ALPHANUMERIC, NUMERIC } from './charsets';
import { createKeyedPermutation, type KeyedPermutation } from './keyed-permutation';
import { normalizeCode } from './normalize';
import { asciiBytes, createSpeller } from './spelling';

/**
 * Randomized common codes (seed: "Personalization of coupon at scale"). A sample code of 5–10
 * characters fixes the length and the alphabet (all digits → numeric, else alphanumeric); about
 * half of every code is a fixed part unique to the series within the org, the rest is variable:
 * TEST12345 → 4 fixed + 5 variable characters; a 10-character alphanumeric sample → 5 + 5, i.e.
 * 36^5 = 60,466,176 codes, the seed's figure. Hence fixed = floor(len / 2), variable = the rest.
 *
 * Code i of the series is fixedPart + spell(P(i)), P a keyed permutation of [0, charset^k):
 * distinct by construction, no look-up of earlier codes, constant memory, streamable from any
 * index, and invertible, so a till can tell offline whether a code belongs to the series and
 * which index it is. The series key is a backend secret (see keyed-permutation.ts).
 */
export const SAMPLE_MIN_LENGTH = 5;
export const SAMPLE_MAX_LENGTH = 10;

export type SampleShape = {
  kind: 'NUMERIC' | 'ALPHANUMERIC';
  alphabet: string;
  length: number;
  fixedLength: number;
  variableLength: number;
  /** How many codes the series holds: alphabet^variableLength. */
  size: number;
};

export function analyzeSample(raw: string, field = 'sample'): Result<SampleShape> {
  const sample = normalizeCode(raw);
  if (sample.length < SAMPLE_MIN_LENGTH || sample.length > SAMPLE_MAX_LENGTH) {
    return fail(
      reason(
        'SAMPLE_LENGTH',
        `The sample code must have ${SAMPLE_MIN_LENGTH} to ${SAMPLE_MAX_LENGTH} characters; ${JSON.stringify(raw)} has ${sample.length}.`,
        field,
      ),
    );
  }
  const bad = [...sample].findIndex((char) => !ALPHANUMERIC.includes(char));
  if (bad >= 0) {
    return fail(
      reason(
        'SAMPLE_BAD_CHAR',
        `The sample code may hold only A-Z and 0-9; ${JSON.stringify(sample[bad])} at position ${bad + 1} is not allowed.`,
        field,
      ),
    );
  }
  const numeric = /^[0-9]+$/.test(sample);
  const alphabet = numeric ? NUMERIC : ALPHANUMERIC;
  const fixedLength = Math.floor(sample.length / 2);
  const variableLength = sample.length - fixedLength;
  return ok({
    kind: numeric ? 'NUMERIC' : 'ALPHANUMERIC',
    alphabet,
    length: sample.length,
    fixedLength,
    variableLength,
    size: alphabet.length ** variableLength,
  });
}

export type RandomizedSeriesConfig = {
  sample: string;
  /** The series' fixed part: fixedLength characters of the sample's alphabet (see fixed-part.ts). */
  fixedPart: string;
  /** Per-series secret (≥ 16 random bytes); never leaves the backend. */
  key: Uint8Array;
};

export type RandomizedSeries = SampleShape & {
  readonly fixedPart: string;
  codeAt(index: number): string;
  /** The index of a code in this series (any case, surrounding spaces ignored), or null. */
  indexOf(code: string): number | null;
  /**
   * Writes codes start .. start+count-1 as ASCII lines ("CODE\n") into target from offset and
   * returns the offset after the last; needs count * (length + 1) bytes of room.
   */
  writeLines(target: Uint8Array, offset: number, start: number, count: number): number;
};

const NEWLINE = 10;
/** Indices permuted per bulk call: 8 K int32s and their 8 K lines stay in L1/L2 cache. */
const BLOCK = 8192;

export function createRandomizedSeries(config: RandomizedSeriesConfig): RandomizedSeries {
  const shape = analyzeSample(config.sample);
  if (!shape.ok) throw new Error(shape.reasons.map((r) => r.message).join(' '));
  const { alphabet, fixedLength, variableLength, size, length } = shape.value;
  const fixedPart = normalizeCode(config.fixedPart);
  if (fixedPart.length !== fixedLength || [...fixedPart].some((char) => !alphabet.includes(char))) {
    throw new Error(
      `The fixed part must be ${fixedLength} characters of ${shape.value.kind === 'NUMERIC' ? '0-9' : 'A-Z, 0-9'}; got ${JSON.stringify(config.fixedPart)}.`,
    );
  }
  const permutation: KeyedPermutation = createKeyedPermutation(size, config.key);
  const radix = alphabet.length;
  const alphabetBytes = asciiBytes(alphabet);
  const digitOf = new Int8Array(128).fill(-1);
  for (let d = 0; d < radix; d++) digitOf[alphabetBytes[d] as number] = d;
  const spellValue = createSpeller(alphabet);
  const fixedBytes = asciiBytes(fixedPart);
  const block = new Int32Array(BLOCK);
  const stride = length + 1;
  // A block of finished lines with the variable part still blank: each block of output starts
  // as one copy of it, and only the variable characters are written per code.
  const template = new Uint8Array(BLOCK * stride);
  for (let i = 0; i < BLOCK; i++) {
    template.set(fixedBytes, i * stride);
    template[i * stride + length] = NEWLINE;
  }

  return {
    ...shape.value,
    fixedPart,
    codeAt(index) {
      const bytes = new Uint8Array(length);
      bytes.set(fixedBytes);
      spellValue(bytes, length, permutation.forward(index), variableLength);
      return String.fromCharCode(...bytes);
    },
    indexOf(raw) {
      const code = normalizeCode(raw);
      if (code.length !== length || !code.startsWith(fixedPart)) return null;
      let value = 0;
      for (let p = fixedLength; p < length; p++) {
        const unit = code.charCodeAt(p);
        const digit = unit < 128 ? (digitOf[unit] as number) : -1;
        if (digit < 0) return null;
        value = value * radix + digit;
      }
      return permutation.inverse(value);
    },
    writeLines(target, offset, start, count) {
      if (!Number.isInteger(count) || count < 0 || start + count > size) {
        throw new RangeError(
          `codes ${start}..${start + count - 1} are outside the series' ${size}.`,
        );
      }
      if (offset + count * stride > target.length) {
        throw new RangeError(
          `writeLines needs ${count * stride} bytes from offset ${offset}, target has ${target.length}.`,
        );
      }
      let at = offset;
      for (let done = 0; done < count;) {
        const n = Math.min(BLOCK, count - done);
        const values = n === BLOCK ? block : block.subarray(0, n);
        permutation.fill(values, start + done);
        target.set(n === BLOCK ? template : template.subarray(0, n * stride), at);
        for (let i = 0; i < n; i++) {
          spellValue(target, at + length, values[i] as number, variableLength);
          at += stride;
        }
        done += n;
      }
      return at;
    },
  };
}
