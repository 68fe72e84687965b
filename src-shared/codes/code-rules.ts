import { reason, type Reason } from '../domain/reasons';
import { isCodeChar } from './charsets';

/** Length bounds for any code a person may type or upload. */
export const CODE_MIN_LENGTH = 3;
export const CODE_MAX_LENGTH = 32;

/**
 * Why a (normalized) code is not acceptable as a code at all — empty, too short or long, or a
 * character outside A-Z, 0-9, "-", "_" — naming the offending character and its position.
 * `raw` is the text as given, so the message shows what the user typed.
 */
export function codeFormatReasons(code: string, raw: string, field = 'code'): Reason[] {
  if (code.length === 0) return [reason('CODE_EMPTY', 'The code is empty.', field)];
  const reasons: Reason[] = [];
  const chars = [...code];
  if (chars.length < CODE_MIN_LENGTH) {
    reasons.push(
      reason(
        'CODE_TOO_SHORT',
        `Code ${JSON.stringify(raw)} has ${chars.length} characters; codes need at least ${CODE_MIN_LENGTH}.`,
        field,
      ),
    );
  }
  if (chars.length > CODE_MAX_LENGTH) {
    reasons.push(
      reason(
        'CODE_TOO_LONG',
        `Code ${JSON.stringify(raw)} has ${chars.length} characters; codes have at most ${CODE_MAX_LENGTH}.`,
        field,
      ),
    );
  }
  const bad = chars.findIndex((char) => !isCodeChar(char));
  if (bad >= 0) {
    const char = chars[bad] as string;
    const shown = /\s/.test(char)
      ? `a space (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`
      : JSON.stringify(char);
    reasons.push(
      reason(
        'CODE_BAD_CHAR',
        `Code ${JSON.stringify(raw)} has ${shown} at position ${bad + 1}; codes may only use A-Z, 0-9, "-" and "_".`,
        field,
      ),
    );
  }
  return reasons;
}
