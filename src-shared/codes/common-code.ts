import { fail, ok, type Result } from '../domain/reasons';
import { codeFormatReasons } from './code-rules';
import { normalizeCode } from './normalize';

/**
 * One common code: every customer gets the same code, so there is nothing to generate, only
 * to check. Returns the code as stored (uppercase, trimmed).
 */
export function validateCommonCode(raw: string, field = 'code'): Result<string> {
  const code = normalizeCode(raw);
  const reasons = codeFormatReasons(code, raw, field);
  return reasons.length > 0 ? fail(...reasons) : ok(code);
}
