/**
 * The GSM 03.38 default alphabet, the character set of a plain (non-Unicode) SMS. A message
 * with anything outside it must go as UCS-2 ("Unicode"), which most gateways bill at 70
 * characters a part instead of 160, so an offer says per message whether that is allowed.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape code: allowed, but each counts as two characters. */
const EXTENSION = '\f^{}\\[~]|€';

const gsm = new Set([...BASIC, ...EXTENSION]);

export const isGsmChar = (ch: string): boolean => gsm.has(ch);

/** The first character a plain SMS cannot carry, with its 0-based index; null when none. */
export function firstNonGsm(text: string): { char: string; index: number } | null {
  let index = 0;
  for (const ch of text) {
    if (!gsm.has(ch)) return { char: ch, index };
    index += 1;
  }
  return null;
}

/** Look-alikes for characters people paste from word processors, and the rupee sign. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u20b9': 'Rs.',
  '\t': ' ',
};

/**
 * Text a plain SMS can carry: GSM characters kept, accented letters reduced to their base
 * letter (ō → o), typographic punctuation replaced by its ASCII look-alike, anything else '?'.
 * Used for values filled into a template at send time (a customer's name), since the
 * template itself was already checked when the offer was saved.
 */
export function toGsm(text: string): string {
  let out = '';
  for (const ch of text) {
    if (gsm.has(ch)) {
      out += ch;
      continue;
    }
    const replacement = REPLACEMENTS[ch];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base.length > 0 && [...base].every((c) => gsm.has(c)) ? base : '?';
  }
  return out;
}
