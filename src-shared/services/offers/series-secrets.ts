import { ApiError } from '#shared/api/errors';
import { deriveFixedPart } from '#shared/codes/fixed-part';
import { randomBytes } from '#shared/codes/random';
import { analyzeSample } from '#shared/codes/randomized-series';
import type { SqlPort } from '#shared/sql/port';
import { jsonOf } from '../shared/values';

/** Series keys and the org salt are 32 random bytes (256 bits). */
const SECRET_BYTES = 32;

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

/** A fresh RANDOMIZED_COMMON permutation key, hex (stored with decode($n, 'hex')). */
export const newSeriesKeyHex = (): string => toHex(randomBytes(SECRET_BYTES));

/**
 * The org's secret salt for fixed parts (org_settings 'codeSalt'), created on first use. A
 * backend secret like the series keys: never returned by an API.
 */
export async function orgCodeSalt(sql: SqlPort): Promise<Uint8Array> {
  await sql.query(
    `INSERT INTO org_settings (key, value) VALUES ('codeSalt', $1::jsonb) ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify({ hex: toHex(randomBytes(SECRET_BYTES)) })],
  );
  const rows = await sql.query<{ value: unknown }>(
    "SELECT value FROM org_settings WHERE key = 'codeSalt'",
  );
  return fromHex(jsonOf<{ hex: string }>(rows[0]?.value).hex);
}

/** Enough attempts that only a nearly full space of fixed parts runs out. */
const MAX_ATTEMPTS = 2_000;

/**
 * The fixed part of a new randomized common series: derived from the org salt and the offer id
 * with the sample's alphabet and half its length (codes/fixed-part.ts), stepping the attempt
 * number past any fixed part another offer already holds (unique per org).
 */
export async function allocateFixedPart(
  sql: SqlPort,
  offerId: string,
  sample: string,
): Promise<string> {
  const shape = analyzeSample(sample);
  if (!shape.ok) throw new ApiError('INVALID_INPUT', shape.reasons[0]?.message ?? 'bad sample');
  const { fixedLength, alphabet } = shape.value;
  const orgSalt = await orgCodeSalt(sql);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const candidate = await deriveFixedPart({
      orgSalt,
      offerKey: offerId,
      length: fixedLength,
      alphabet,
      attempt,
    });
    const taken = await sql.query('SELECT 1 FROM offers WHERE fixed_part = $1', [candidate]);
    if (taken.length === 0) return candidate;
  }
  throw new ApiError(
    'CONFLICT',
    `No free fixed part of ${fixedLength} characters is left for sample ${sample}; use a longer sample code`,
    { field: 'codeGeneration.sample' },
  );
}
