import { analyzeSample } from '#shared/codes/randomized-series';
import { normalizeCode } from '#shared/codes/normalize';

/**
 * What a randomized common code sample means, read by the backend's own rule (analyzeSample):
 * the editor shows what the save will do. The fixed part itself is chosen by the backend when
 * the offer is saved.
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
  const shape = analyzeSample(raw);
  if (!shape.ok) return { ok: false, message: shape.reasons[0]?.message ?? 'Not a usable sample.' };
  const s = shape.value;
  return {
    ok: true,
    length: s.length,
    charset: s.kind,
    fixedLength: s.fixedLength,
    randomLength: s.variableLength,
    combinations: BigInt(s.alphabet.length) ** BigInt(s.variableLength),
    pattern: normalizeCode(raw).slice(0, s.fixedLength) + '•'.repeat(s.variableLength),
  };
};
