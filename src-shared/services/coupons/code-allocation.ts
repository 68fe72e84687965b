import { ApiError } from '#shared/api/errors';
import { normalizeCode } from '#shared/codes/normalize';
import { createRandomizedSeries, type RandomizedSeries } from '#shared/codes/randomized-series';
import { checkUniqueCodeRequest } from '#shared/codes/unique-capacity';
import {
  createUniqueCodeGenerator,
  type UniqueCodeGenerator,
} from '#shared/codes/unique-generator';
import type { Offer } from '#shared/domain/offer';
import { reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { loadSeriesKey } from '../offers/index';
import { ruleFailed } from '../shared/errors';

/**
 * Where an issued coupon's code comes from, per code generation method. UPLOADED codes are
 * not generated: they are rows already in the offer (see uploaded-codes.ts).
 */

/** The offer's common code as stored (uppercase, trimmed). */
export function commonCodeOf(offer: Offer): string {
  if (offer.codeGeneration.method !== 'COMMON') {
    throw new Error(`Offer ${offer.id} has no common code (method ${offer.codeGeneration.method})`);
  }
  return normalizeCode(offer.codeGeneration.code);
}

/**
 * A generator of fresh unique codes for a UNIQUE_AUTO offer holding `existingCount` codes.
 * It guarantees distinctness among its own codes; clashes with codes already in the offer are
 * caught by the offer's unique index and redrawn by the caller.
 */
export function uniqueCodeGenerator(
  offer: Offer,
  existingCount: number,
  expected = 1024,
): UniqueCodeGenerator {
  const g = offer.codeGeneration;
  if (g.method !== 'UNIQUE_AUTO') {
    throw new Error(`Offer ${offer.id} does not generate unique codes (method ${g.method})`);
  }
  return createUniqueCodeGenerator({
    length: g.length,
    charset: g.charset,
    customCharset: g.customCharset,
    prefix: g.prefix,
    suffix: g.suffix,
    existingCount,
    expected,
  });
}

/** Refuses up front when the offer's code space cannot hold `count` more random codes. */
export function assertUniqueCapacity(offer: Offer, count: number, existingCount: number): void {
  const g = offer.codeGeneration;
  if (g.method !== 'UNIQUE_AUTO') return;
  const check = checkUniqueCodeRequest(
    { length: g.length, charset: g.charset, customCharset: g.customCharset },
    count,
    existingCount,
  );
  if (!check.ok)
    throw ruleFailed(check.reasons[0]?.message ?? 'code space too small', check.reasons);
}

// The permutation depends only on immutable offer fields (sample, fixed part, key), so one
// instance per offer serves the whole process.
const seriesCache = new Map<string, RandomizedSeries>();

export async function randomizedSeriesOf(sql: SqlPort, offer: Offer): Promise<RandomizedSeries> {
  const g = offer.codeGeneration;
  if (g.method !== 'RANDOMIZED_COMMON') {
    throw new Error(`Offer ${offer.id} is not a randomized common series (method ${g.method})`);
  }
  const cacheKey = `${offer.id}\u0000${offer.fixedPart ?? ''}\u0000${g.sample}`;
  const cached = seriesCache.get(cacheKey);
  if (cached) return cached;
  const key = await loadSeriesKey(sql, offer.id);
  if (key === null || offer.fixedPart === null) {
    throw new ApiError(
      'INTERNAL',
      `Randomized offer ${offer.id} has no series key or fixed part; recreate the offer`,
    );
  }
  const series = createRandomizedSeries({ sample: g.sample, fixedPart: offer.fixedPart, key });
  if (seriesCache.size > 1000) seriesCache.clear();
  seriesCache.set(cacheKey, series);
  return series;
}

/**
 * Reserves the next `count` permutation indices of a randomized offer and returns their codes.
 * The counter lives on the offer row, so concurrent issuers never share an index.
 */
export async function nextRandomizedCodes(
  sql: SqlPort,
  offer: Offer,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const series = await randomizedSeriesOf(sql, offer);
  const rows = await sql.query<{ next: unknown }>(
    `UPDATE offers SET randomized_next_index = randomized_next_index + $2
      WHERE id = $1 RETURNING randomized_next_index AS next`,
    [offer.id, count],
  );
  const end = Number(rows[0]?.next);
  const start = end - count;
  if (end > series.size) {
    const left = Math.max(0, series.size - start);
    throw ruleFailed(`Offer "${offer.name}" has run out of randomized codes`, [
      reason(
        'CODES_EXHAUSTED',
        `Offer "${offer.name}" holds ${series.size.toLocaleString('en-US')} randomized codes and ${left.toLocaleString('en-US')} are left, fewer than the ${count.toLocaleString('en-US')} asked for; use a longer sample code in a new offer`,
        'codeGeneration.sample',
      ),
    ]);
  }
  const codes: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) codes[i] = series.codeAt(start + i);
  return codes;
}
