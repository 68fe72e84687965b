import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';

/**
 * Alphabets for generated codes. Everything is uppercase: codes are matched case-insensitively
 * (see normalize.ts), so lowercase letters would only add look-alike duplicates.
 */
export const NUMERIC = '0123456789';
export const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Characters any code may contain (uploaded, common or generated). Kept to what a cashier can
 * type on any keyboard, what survives CSV and SMS unquoted, and what Code 39/128 barcodes carry.
 */
export const CODE_CHARS = `${ALPHANUMERIC}-_`;
const codeCharSet = new Set(CODE_CHARS);

export function isCodeChar(char: string): boolean {
  return codeCharSet.has(char);
}

export type CharsetKind = 'NUMERIC' | 'ALPHANUMERIC' | 'CUSTOM';

/**
 * Validates a custom alphabet: at least two characters, each allowed in codes, distinct once
 * uppercased ("aA" is one character, since matching ignores case). Returns it uppercased.
 */
export function validateCustomCharset(raw: string, field = 'customCharset'): Result<string> {
  const chars = [...raw.toUpperCase()];
  const reasons: Reason[] = [];
  const seen = new Map<string, number>();
  chars.forEach((char, position) => {
    if (!isCodeChar(char)) {
      reasons.push(
        reason(
          'CHARSET_BAD_CHAR',
          `Character ${JSON.stringify(char)} at position ${position + 1} of the custom charset is not allowed; use A-Z, 0-9, "-" or "_".`,
          field,
        ),
      );
      return;
    }
    const first = seen.get(char);
    if (first !== undefined) {
      reasons.push(
        reason(
          'CHARSET_DUPLICATE_CHAR',
          `Character ${JSON.stringify(char)} appears at positions ${first + 1} and ${position + 1} of the custom charset (case is ignored); list each character once.`,
          field,
        ),
      );
      return;
    }
    seen.set(char, position);
  });
  if (chars.length < 2) {
    reasons.push(
      reason('CHARSET_TOO_SMALL', 'A custom charset needs at least 2 distinct characters.', field),
    );
  }
  return reasons.length > 0 ? fail(...reasons) : ok(chars.join(''));
}

/** The alphabet for a charset setting; throws with the reasons if a custom one is invalid. */
export function resolveCharset(kind: CharsetKind, customCharset?: string | null): string {
  if (kind === 'NUMERIC') return NUMERIC;
  if (kind === 'ALPHANUMERIC') return ALPHANUMERIC;
  if (customCharset === undefined || customCharset === null) {
    throw new Error('Charset CUSTOM needs customCharset, e.g. "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".');
  }
  const result = validateCustomCharset(customCharset);
  if (!result.ok) throw new Error(result.reasons.map((r) => r.message).join(' '));
  return result.value;
}
