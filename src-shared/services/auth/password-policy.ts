import { ApiError } from '#shared/api/errors';
import type { InputIssue } from '#shared/api/input-issues';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

/**
 * What a new password must be (users-create and `counterfoil users create`): long, and not one
 * of the passwords attackers try first. Length beats composition rules (NIST SP 800-63B), and a
 * denylist stops the guesses an online attacker gets through sign-in throttling.
 */
export const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | null = null;
/** Built on first use: hosts that never set a password never pay for the 10,000-entry set. */
const commonPasswords = (): Set<string> =>
  (common ??= new Set(
    COMMON_PASSWORDS_TEXT.split('\n')
      .filter((line) => line !== '')
      .map((line) => line.toLowerCase()),
  ));

export const isCommonPassword = (password: string): boolean =>
  commonPasswords().has(password.toLowerCase());

/** Why the password is refused, worded as the fix; null when it is acceptable. */
export const passwordProblem = (password: string): string | null => {
  // Code points, not UTF-16 units: "12 characters" should mean what a person counts.
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters; a phrase of three or four unrelated words is long enough and easy to remember`;
  }
  if (isCommonPassword(password)) {
    return 'is one of the 10,000 most common passwords, which attackers try first; choose another, such as a phrase of unrelated words';
  }
  return null;
};

/** Throws INVALID_INPUT naming the field, in the same shape as a schema error. */
export const assertPasswordPolicy = (password: string, field = 'password'): void => {
  const problem = passwordProblem(password);
  if (problem === null) return;
  const issue: InputIssue = { path: field, message: problem };
  throw new ApiError('INVALID_INPUT', `${field}: ${problem}`, [issue]);
};
