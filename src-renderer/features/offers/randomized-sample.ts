/**
 * What a randomized common code sample means (seed: 5–10 characters; half of the code is
 * fixed and unique per org, the rest random; numeric if the sample is all digits, else
 * alphanumeric). The fixed part itself is chosen by the backend when the offer is saved.
 */
export type SampleInfo =
  | { ok: false; message: string }
  | {
      ok: true;
      length: number;
      charset: 'NUMERIC' | 'ALPHANUMERIC';
      fixedLength: number;
      randomLength: number;
      /** How many distinct codes the series can hold. */
      combinations: bigint;
      /** The sample split the way codes will be: fixed part, then random positions as "•". */
      pattern: string;
    };

export const describeSample = (raw: string): SampleInfo => {
  const sample = raw.trim().toUpperCase();
  if (sample.length < 5 || sample.length > 10) {
    return { ok: false, message: 'The sample must be 5 to 10 characters long.' };
  }
  if (!/^[A-Z0-9]+$/.test(sample)) {
    return { ok: false, message: 'Use only letters A–Z and digits 0–9.' };
  }
  const charset = /^\d+$/.test(sample) ? 'NUMERIC' : 'ALPHANUMERIC';
  const fixedLength = Math.floor(sample.length / 2);
  const randomLength = sample.length - fixedLength;
  const base = BigInt(charset === 'NUMERIC' ? 10 : 36);
  return {
    ok: true,
    length: sample.length,
    charset,
    fixedLength,
    randomLength,
    combinations: base ** BigInt(randomLength),
    pattern: sample.slice(0, fixedLength) + '•'.repeat(randomLength),
  };
};
