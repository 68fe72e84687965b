import { fail, ok, reason, type Result } from '../domain/reasons';
import { resolveCharset, type CharsetKind } from './charsets';

/**
 * Random draws slow down as the space fills (at fill f, each new code costs 1/(1-f) draws and
 * as many existence checks), and a dense space makes codes guessable. Past half of the space
 * the caller should pick a longer code instead.
 */
export const MAX_UNIQUE_FILL = 0.5;

export type UniqueCodeSpace = {
  /** Length of the random part (prefix and suffix are extra). */
  length: number;
  charset: CharsetKind;
  customCharset?: string | null;
};

/**
 * charset^length: how many distinct random parts exist. Exact up to 2^53; above that it is the
 * nearest double, which is fine for every comparison made with it.
 */
export function uniqueCodeCapacity(space: UniqueCodeSpace): number {
  return resolveCharset(space.charset, space.customCharset).length ** space.length;
}

/** The most codes a series of this shape may hold, counting those it already has. */
export function uniqueCodeLimit(space: UniqueCodeSpace, maxFill = MAX_UNIQUE_FILL): number {
  return Math.floor(uniqueCodeCapacity(space) * maxFill);
}

/**
 * Whether `count` more codes (on top of `existing`) can be drawn at random; if not, a reason
 * that says how far off it is and the shortest length that would do.
 */
export function checkUniqueCodeRequest(
  space: UniqueCodeSpace,
  count: number,
  existing = 0,
  maxFill = MAX_UNIQUE_FILL,
): Result<number> {
  if (!Number.isSafeInteger(count) || count < 0) {
    return fail(reason('CODE_COUNT_INVALID', `Count must be a whole number ≥ 0, got ${count}.`));
  }
  const alphabet = resolveCharset(space.charset, space.customCharset);
  const capacity = uniqueCodeCapacity(space);
  const limit = Math.floor(capacity * maxFill);
  if (existing + count <= limit) return ok(count);
  let enough = space.length + 1;
  while (Math.floor(alphabet.length ** enough * maxFill) < existing + count) enough++;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return fail(
    reason(
      'CODE_SPACE_TOO_SMALL',
      `Asked for ${fmt(count)} codes${existing > 0 ? ` on top of ${fmt(existing)} already in the offer` : ''}, ` +
        `but ${space.length} characters of a ${alphabet.length}-character alphabet give ${fmt(capacity)} combinations ` +
        `and random codes are only drawn up to ${Math.round(maxFill * 100)}% of them (${fmt(limit)}). ` +
        `Use a length of at least ${enough}.`,
      'length',
    ),
  );
}
