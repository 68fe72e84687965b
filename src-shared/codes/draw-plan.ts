/**
 * How unique codes turn 32-bit random words into characters: `length` characters are split into
 * groups, each drawn from one word by rejection sampling (accept words below the last whole
 * multiple of radix^g, then take the remainder: uniform, no modulo bias).
 */
export type DrawPlan = {
  /** Characters per group. */
  chars: number[];
  /** radix^chars per group. */
  moduli: number[];
  /** Accept a word only below this (a whole multiple of the modulus). */
  thresholds: number[];
  /** Place value of each group in the code's integer key. */
  weights: number[];
};

const TWO_32 = 4_294_967_296;
const TWO_31 = 2_147_483_648;

/**
 * The group size maximises characters per word after rejection (36^5: 99.96% of words
 * accepted; 36^6 only 51%), and each group's modulus stays below 2^31 so arithmetic on a group
 * value is int32.
 */
export function planDraws(radix: number, length: number): DrawPlan {
  let best = 1;
  let bestYield = 0;
  for (let g = 1; radix ** g <= TWO_31; g++) {
    const m = radix ** g;
    const yieldPerWord = (g * (Math.floor(TWO_32 / m) * m)) / TWO_32;
    if (yieldPerWord > bestYield) [best, bestYield] = [g, yieldPerWord];
  }
  const plan: DrawPlan = { chars: [], moduli: [], thresholds: [], weights: [] };
  let weight = 1;
  for (let left = length; left > 0; left -= best) {
    const g = Math.min(best, left);
    const m = radix ** g;
    plan.chars.push(g);
    plan.moduli.push(m);
    plan.thresholds.push(Math.floor(TWO_32 / m) * m);
    plan.weights.push(weight);
    weight *= m;
  }
  return plan;
}
