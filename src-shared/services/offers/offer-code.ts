import { ApiError } from '#shared/api/errors';
import { ALPHANUMERIC } from '#shared/codes/charsets';
import { randomBytes } from '#shared/codes/random';
import type { SqlPort } from '#shared/sql/port';

/** Unambiguous when read aloud or off a screen: no 0/O or 1/I. */
const OFFER_CODE_CHARS = ALPHANUMERIC.replace(/[01IO]/g, '');
const OFFER_CODE_LENGTH = 6;

/** A random OFR-XXXXXX (32^6 ≈ 1.07e9 codes); rejection sampling keeps it unbiased. */
export function randomOfferCode(): string {
  const n = OFFER_CODE_CHARS.length;
  const accept = Math.floor(256 / n) * n;
  let out = '';
  while (out.length < OFFER_CODE_LENGTH) {
    for (const b of randomBytes(OFFER_CODE_LENGTH * 2)) {
      if (b < accept && out.length < OFFER_CODE_LENGTH) out += OFFER_CODE_CHARS[b % n];
    }
  }
  return `OFR-${out}`;
}

export async function offerCodeTaken(
  sql: SqlPort,
  offerCode: string,
  exceptOfferId: string | null = null,
): Promise<boolean> {
  const rows = await sql.query(
    'SELECT 1 FROM offers WHERE offer_code = $1 AND id IS DISTINCT FROM $2',
    [offerCode, exceptOfferId],
  );
  return rows.length > 0;
}

/** A fresh offer code no offer holds yet. */
export async function generateOfferCode(sql: SqlPort): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const code = randomOfferCode();
    if (!(await offerCodeTaken(sql, code))) return code;
  }
  throw new ApiError('INTERNAL', 'Could not find a free offer code after 20 draws');
}

export function offerCodeConflict(offerCode: string): ApiError {
  return new ApiError(
    'CONFLICT',
    `Offer code ${offerCode} is already used by another offer; choose another`,
    { field: 'offerCode', offerCode },
  );
}
